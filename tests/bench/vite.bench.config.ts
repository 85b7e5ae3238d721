/**
 * The production build, unchanged, plus an observer that records which source modules went into
 * each client chunk, with the length of its code there (so the bench can prove sql.js, fflate, d3… are
 * not on the first screen, and tests/bench/bundle-cli.ts can say what fills it).
 * The plugin only writes a side file outside build/; the emitted app is byte-for-byte the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mergeConfig, type Plugin } from 'vite';
import base from '../../vite.config';

export const CHUNK_MODULES_FILE = 'tests/.results/bench-chunk-modules.json';

/** Chunk file → source module → the length of its code there (a share of the chunk, not gzip bytes). */
export type ChunkModules = Record<string, Record<string, number>>;

function chunkModules(): Plugin {
	return {
		name: 'engram-bench-chunk-modules',
		apply: 'build',
		generateBundle(options, bundle) {
			if (!String(options.dir ?? '').includes('client')) {
				return;
			}
			const modules: ChunkModules = {};
			for (const [file, output] of Object.entries(bundle)) {
				if (output.type === 'chunk') {
					modules[file] = Object.fromEntries(
						output.moduleIds.map((id) => [id, output.modules[id]?.renderedLength ?? 0])
					);
				}
			}
			mkdirSync('tests/.results', { recursive: true });
			writeFileSync(CHUNK_MODULES_FILE, JSON.stringify(modules, null, 1));
		}
	};
}

export default mergeConfig(base, { plugins: [chunkModules()] });
