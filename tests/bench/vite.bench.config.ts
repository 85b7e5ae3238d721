/**
 * The production build, unchanged, plus an observer that records which source modules went into
 * each client chunk (so the bench can prove sql.js, fflate, d3… are not on the first screen).
 * The plugin only writes a side file outside build/; the emitted app is byte-for-byte the same.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mergeConfig, type Plugin } from 'vite';
import base from '../../vite.config';

export const CHUNK_MODULES_FILE = 'tests/.results/bench-chunk-modules.json';

function chunkModules(): Plugin {
	return {
		name: 'engram-bench-chunk-modules',
		apply: 'build',
		generateBundle(options, bundle) {
			if (!String(options.dir ?? '').includes('client')) {
				return;
			}
			const modules: Record<string, string[]> = {};
			for (const [file, output] of Object.entries(bundle)) {
				if (output.type === 'chunk') {
					modules[file] = output.moduleIds;
				}
			}
			mkdirSync('tests/.results', { recursive: true });
			writeFileSync(CHUNK_MODULES_FILE, JSON.stringify(modules, null, 1));
		}
	};
}

export default mergeConfig(base, { plugins: [chunkModules()] });
