#!/usr/bin/env node
// `npm run bench`: builds the production app (with an observer that records each chunk's modules),
// then runs the benchmark (tests/bench/main.ts) in headless Chromium. Every option (sizes, runs,
// ports, output file) is read from the environment by tests/bench/main.ts; see README
// "Performance". BENCH_SKIP_BUILD=1 reuses build/ as it is; otherwise the build is skipped only
// when build/ was made by the bench from exactly the current sources (hashed below).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './find-browser.js';

const BUILD_HASH_FILE = 'tests/.results/bench-build.hash';
const BUILD_INPUTS = [
	'src',
	'static',
	'decks',
	'scripts',
	'svelte.config.js',
	'vite.config.ts',
	'tests/bench/vite.bench.config.ts',
	'package-lock.json'
];

function run(command, args) {
	return spawnSync(command, args, { stdio: 'inherit' }).status ?? 1;
}

function hashInto(hash, path) {
	if (statSync(path).isDirectory()) {
		for (const name of readdirSync(path).sort()) {
			hashInto(hash, join(path, name));
		}
	} else {
		hash.update(path).update(readFileSync(path));
	}
}

/** What the build is made from: the sources and the environment variables it reads. */
function sourcesHash() {
	const hash = createHash('sha256');
	BUILD_INPUTS.filter((path) => existsSync(path)).forEach((path) => hashInto(hash, path));
	hash.update(`${process.env.ENGRAM_VERSION ?? ''}|${process.env.ENGRAM_BUILD_DIR ?? ''}`);
	return hash.digest('hex');
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
const hash = sourcesHash();
const built =
	existsSync('build/index.html') &&
	existsSync(BUILD_HASH_FILE) &&
	readFileSync(BUILD_HASH_FILE, 'utf8') === hash;
if (process.env.BENCH_SKIP_BUILD || built) {
	console.log('[bench] build/ is up to date with the sources: not building again');
} else {
	if (run('npx', ['vite', 'build', ...config]) !== 0) {
		console.error('The production build failed.');
		process.exit(1);
	}
	writeFileSync(BUILD_HASH_FILE, hash);
}
process.exit(run('npx', ['tsx', 'tests/bench/main.ts']));
