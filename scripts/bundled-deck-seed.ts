/**
 * `import url from '$decks/<deck>.json?seed'`: the deck file validated and turned into records at
 * build time (src/lib/domain/seed-artefact-build.ts), emitted as a hashed JSON asset whose URL is
 * the import's value. A bad deck file fails the build instead of a first visit. In `vite dev` the
 * same JSON is served from memory.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import type { Plugin } from 'vite';
import type { toSeedArtefact } from '../src/lib/domain/seed-artefact-build.ts';

const QUERY = '?seed';
const DEV_PREFIX = '/@engram-seed/';

/**
 * The asset's text. The domain code is loaded with tsx at run time rather than imported: Vite
 * bundles its config's static imports, and the domain's extensionless imports make it warn.
 */
export async function seedJson(file: string): Promise<string> {
	const build = (await tsImport('../src/lib/domain/seed-artefact-build.ts', import.meta.url)) as {
		toSeedArtefact: typeof toSeedArtefact;
	};
	return JSON.stringify(build.toSeedArtefact(JSON.parse(readFileSync(file, 'utf8'))));
}

export function bundledDeckSeed(): Plugin {
	let serving = false;
	const devFiles = new Map<string, string>();
	return {
		name: 'engram-bundled-deck-seed',
		enforce: 'pre',
		configResolved(config) {
			serving = config.command === 'serve';
		},
		async resolveId(source, importer) {
			if (!source.endsWith(QUERY)) {
				return null;
			}
			const file = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
			return file ? `${file.id}${QUERY}` : null;
		},
		async load(id) {
			if (!id.endsWith(QUERY)) {
				return null;
			}
			const file = id.slice(0, -QUERY.length);
			this.addWatchFile(file);
			const name = basename(file).replace(/\.json$/, '.seed.json');
			if (serving) {
				devFiles.set(`${DEV_PREFIX}${name}`, file);
				return `export default ${JSON.stringify(`${DEV_PREFIX}${name}`)};`;
			}
			const ref = this.emitFile({ type: 'asset', name, source: await seedJson(file) });
			return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
		},
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				const file = devFiles.get(request.url ?? '');
				if (!file) {
					next();
					return;
				}
				seedJson(file).then(
					(json) => {
						response.setHeader('Content-Type', 'application/json');
						response.end(json);
					},
					(error: unknown) => next(error)
				);
			});
		}
	};
}
