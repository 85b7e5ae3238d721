/**
 * Puts every module the first screen needs (the root layout and the Today page, with everything
 * they import statically) into one chunk. Left to itself the bundler splits them into some 25
 * small chunks, one per set of routes sharing them: each costs a request through the service
 * worker at start-up and compresses worse alone (about 5 KiB more gzip in total). Lazy modules
 * (dynamic `import()`) stay out, and other routes still get their own chunks.
 */
import type { Plugin } from 'vite';

/** The first screen's own route files. */
const ROOTS = [
	/[\\/]src[\\/]routes[\\/]\+layout\.(svelte|ts)$/,
	/[\\/]src[\\/]routes[\\/]\+page\.svelte$/
];

export function firstScreenChunk(): Plugin {
	const members = new Set<string>();
	return {
		name: 'engram-first-screen-chunk',
		apply: 'build',
		config() {
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: [{ name: 'first-screen', test: (id: string) => members.has(id) }]
							}
						}
					}
				}
			};
		},
		buildStart() {
			members.clear();
		},
		buildEnd() {
			if (this.environment.name !== 'client') {
				return;
			}
			const stack = [...this.getModuleIds()].filter((id) => ROOTS.some((root) => root.test(id)));
			while (stack.length > 0) {
				const id = stack.pop()!;
				if (!members.has(id)) {
					members.add(id);
					stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
				}
			}
		}
	};
}
