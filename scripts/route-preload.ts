/**
 * Writes `route-preload.js`, a small static script that app.html runs before the app starts: it
 * finds the route of the page being opened and adds `<link rel="modulepreload">` for that
 * route's code. Without it the browser learns which chunks the route needs only after the app's
 * entry has been evaluated and the router has asked for the route (a waterfall of three or four
 * round trips, each through the service worker on a cold start). A file, not one of app.html's
 * inline scripts: its content (the chunks' names) changes with every build, and the CSP's hash of
 * app.html's inline script is computed before the build (svelte.config.js).
 */
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

export const ROUTE_PRELOAD_FILE = 'route-preload.js';

const PAGE = /[\\/]src[\\/]routes[\\/](.*?)[\\/]?\+page\.svelte$/;

/** `study/[deckId]` → a pattern for the pathname: params match one segment, rest params any. */
function routePattern(dir: string): string {
	const segments = dir
		.split(/[\\/]/)
		.filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment))
		.map((segment) =>
			/^\[\.\.\..+\]$/.test(segment) ? '.*' : segment.replace(/\[[^\]]+\]/g, '[^/]+')
		);
	return `^/${segments.join('/')}/?$`;
}

/** The chunk and every chunk it imports statically, and the CSS they import. */
function closure(
	bundle: OutputBundle,
	entry: OutputChunk
): { scripts: string[]; styles: string[] } {
	const scripts = new Set<string>();
	const styles = new Set<string>();
	const stack = [entry.fileName];
	while (stack.length > 0) {
		const chunk = bundle[stack.pop()!];
		if (chunk?.type !== 'chunk' || scripts.has(chunk.fileName)) {
			continue;
		}
		scripts.add(chunk.fileName);
		const css = (chunk as { viteMetadata?: { importedCss?: Set<string> } }).viteMetadata;
		css?.importedCss?.forEach((file) => styles.add(file));
		stack.push(...chunk.imports);
	}
	return { scripts: [...scripts], styles: [...styles] };
}

/**
 * What the page already links in its head (SvelteKit preloads its entry and the root layout's
 * node, with the chunks and styles they import): left out of the script, which every start loads.
 */
function linkedByShell(bundle: OutputBundle): Set<string> {
	const linked = new Set<string>();
	for (const output of Object.values(bundle)) {
		if (output.type === 'chunk' && output.isEntry && /^(entry\/|nodes\/0$)/.test(output.name)) {
			const { scripts, styles } = closure(bundle, output);
			[...scripts, ...styles].forEach((file) => linked.add(file));
		}
	}
	return linked;
}

export function routePreloadScript(routes: [string, string[], string[]][]): string {
	return `(() => {
	const routes = ${JSON.stringify(routes)};
	const route = routes.find(([pattern]) => new RegExp(pattern).test(location.pathname));
	if (!route) return;
	const add = (rel, file, as) => {
		const link = document.createElement('link');
		link.rel = rel;
		link.href = '/' + file;
		if (as) link.as = as;
		document.head.append(link);
	};
	route[1].forEach((file) => add('modulepreload', file));
	route[2].forEach((file) => add('preload', file, 'style'));
})();
`;
}

export function routePreload(): Plugin {
	return {
		name: 'engram-route-preload',
		// In development every module is served on its own: an empty script keeps app.html valid.
		configureServer(server) {
			server.middlewares.use(`/${ROUTE_PRELOAD_FILE}`, (_request, response) => {
				response.setHeader('Content-Type', 'text/javascript');
				response.end('');
			});
		},
		generateBundle(_options, bundle) {
			if (this.environment.name !== 'client') {
				return;
			}
			const linked = linkedByShell(bundle);
			const routes: [string, string[], string[]][] = [];
			for (const output of Object.values(bundle)) {
				if (output.type !== 'chunk' || !output.isEntry || !output.name.startsWith('nodes/')) {
					continue;
				}
				// The page's module is in the node's chunk, or, when it went into a shared chunk
				// (scripts/route-chunks.ts), imported by the node's own generated module.
				const facade = output.facadeModuleId ? this.getModuleInfo(output.facadeModuleId) : null;
				const page = [...output.moduleIds, ...(facade?.importedIds ?? [])]
					.map((id) => PAGE.exec(id))
					.find(Boolean);
				if (page) {
					const { scripts, styles } = closure(bundle, output);
					const unlinked = (file: string) => !linked.has(file);
					routes.push([routePattern(page[1]!), scripts.filter(unlinked), styles.filter(unlinked)]);
				}
			}
			// Static routes before parameterised ones, so `/import` never matches `/[x]`.
			routes.sort((a, b) => Number(a[0].includes('[^/]+')) - Number(b[0].includes('[^/]+')));
			this.emitFile({
				type: 'asset',
				fileName: ROUTE_PRELOAD_FILE,
				source: routePreloadScript(routes)
			});
		}
	};
}
