#!/usr/bin/env node
// `npm run bench`: builds the production app (with an observer that records each chunk's modules),
// then runs the benchmark (tests/bench/main.ts) in headless Chromium. Options via the environment:
// BENCH_SIZES (1000,10000,100000), BENCH_RUNS (5), BENCH_ANSWERS (40 per run), BENCH_PORT (4207, one port
// per size), BENCH_IMPORT_NOTES (10000; also 50000 for the full set), BENCH_IMPORT_RUNS (3),
// BENCH_OUT (bench-results.json), BENCH_SKIP_BUILD=1 to reuse build/, BENCH_SELF_CHECK=warn to
// measure even when the harness fails its self-check (the table still says so).
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-browser.js';

function run(command, args) {
	return spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
}

try {
	const browser = ensureChromium();
	if (browser.executablePath) {
		process.env.CHROMIUM_PATH = browser.executablePath;
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}

// The bench config imports vite.config.ts without an extension; Vite's future loader warns about it.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
const config = ['--config', 'tests/bench/vite.bench.config.ts', '--logLevel', 'warn'];
if (!process.env.BENCH_SKIP_BUILD && run('npx', ['vite', 'build', ...config]) !== 0) {
	console.error('The production build failed.');
	process.exit(1);
}
process.exit(run('npx', ['tsx', 'tests/bench/main.ts']));
