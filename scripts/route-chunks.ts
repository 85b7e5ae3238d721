/**
 * Puts the code of each screen that must start fast into one chunk: the first screen (the root
 * layout and the Today page, with everything they import statically), the first visit's seeding
 * of the bundled deck, and the study screen. Left to itself the bundler splits them into dozens
 * of small chunks, one per set of routes sharing them: each costs a request through the service
 * worker at start-up (a cold start to the first card waited for twenty) and compresses worse
 * alone (about 5 KiB more gzip on the first screen). Lazy modules (dynamic `import()`) stay out,
 * and the other routes keep their own chunks; a route that shares a module with the study screen
 * loads the study chunk for it.
 */
import type { Plugin } from 'vite';

interface Group {
	name: string;
	/** Route files whose static imports make up the group. */
	roots: RegExp[];
	/** Modules whose dynamic imports (with their static imports) make up the group. */
	lazyFrom?: RegExp[];
}

const ROUTES = /[\\/]src[\\/]routes[\\/]/.source;

/** In order: a module goes to the first group that reaches it. */
const GROUPS: Group[] = [
	{
		name: 'first-screen',
		roots: [
			new RegExp(`${ROUTES}\\+layout\\.(svelte|ts)$`),
			new RegExp(`${ROUTES}\\+page\\.svelte$`)
		]
	},
	{
		// Loaded on a first visit only (or when a built-in record is missing): one request.
		name: 'first-visit',
		roots: [],
		lazyFrom: [/[\\/]src[\\/]lib[\\/]storage[\\/](bundled-decks|defaults)\.ts$/]
	},
	{
		name: 'study',
		roots: [new RegExp(`${ROUTES}study[\\\\/]\\[deckId\\][\\\\/]\\+page\\.svelte$`)]
	}
];

export function routeChunks(): Plugin {
	const groupOf = new Map<string, string>();
	return {
		name: 'engram-route-chunks',
		apply: 'build',
		config() {
			return {
				build: {
					rolldownOptions: {
						output: {
							codeSplitting: {
								groups: GROUPS.map(({ name }) => ({
									name,
									test: (id: string) => groupOf.get(id) === name
								}))
							}
						}
					}
				}
			};
		},
		buildStart() {
			groupOf.clear();
		},
		buildEnd() {
			if (this.environment.name !== 'client') {
				return;
			}
			const ids = [...this.getModuleIds()];
			for (const group of GROUPS) {
				const stack = ids.filter((id) => group.roots.some((root) => root.test(id)));
				for (const id of ids.filter((id) => group.lazyFrom?.some((from) => from.test(id)))) {
					stack.push(...(this.getModuleInfo(id)?.dynamicallyImportedIds ?? []));
				}
				while (stack.length > 0) {
					const id = stack.pop()!;
					if (!groupOf.has(id)) {
						groupOf.set(id, group.name);
						stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
					}
				}
			}
		}
	};
}
