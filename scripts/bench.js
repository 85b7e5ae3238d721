#!/usr/bin/env node
// `npm run bench`: builds the production app (with an observer that records each chunk's modules),
// then runs the benchmark (tests/bench/main.ts) in headless Chromium. Every option (sizes, runs,
// ports, output file) is read from the environment by tests/bench/main.ts; see README
// "Performance". BENCH_SKIP_BUILD=1 reuses build/ as it is; otherwise the build is skipped only
// when build/ was made by the bench from exactly the current sources (hashed below).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
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

/** Runs a command to its end (output shown); resolves to its exit code and how long it took. */
function run(command, args) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { stdio: 'inherit' });
		child.on('close', (code) =>
			resolve({ code: code ?? 1, seconds: (Date.now() - started) / 1000 })
		);
	});
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
// main.ts counts the whole run's minutes (and whether the collections were made in it) from here.
process.env.BENCH_STARTED = String(Date.now());
const hash = sourcesHash();
const built =
	existsSync('build/index.html') &&
	existsSync(BUILD_HASH_FILE) &&
	readFileSync(BUILD_HASH_FILE, 'utf8') === hash;
const skipBuild = Boolean(process.env.BENCH_SKIP_BUILD || built);
if (skipBuild) {
	console.log('[bench] build/ is up to date with the sources: not building again');
}
// The build, the collections and the import files need nothing from each other: made side by
// side (each is skipped or cached when already up to date), they take as long as the longest.
// The generators import `$lib/...`, resolved through .svelte-kit/tsconfig.json: on a fresh clone
// that file exists only once SvelteKit has synced, and the build beside them syncs too late.
const sync = await run('npx', ['svelte-kit', 'sync']);
if (sync.code !== 0) {
	console.error('svelte-kit sync failed.');
	process.exit(1);
}
// The harness checks itself before anything is measured or made (issue 8), while the machine is
// not yet building, generating or importing: a broken harness stops the bench here.
const selfCheckFile = `tests/.results/bench-self-check-${process.pid}.json`;
const selfCheck = await run('npx', ['tsx', 'tests/bench/self-check-cli.ts', selfCheckFile]);
if (selfCheck.code !== 0) {
	console.error('The harness is broken (its self-check is above): nothing measured.');
	process.exit(1);
}
process.env.BENCH_SELF_CHECK_FILE = selfCheckFile;
const prepare = (what) => run('npx', ['tsx', 'tests/bench/prepare.ts', what]);
const generating = prepare('collections');
const [build, fixtures] = await Promise.all([
	skipBuild ? { code: 0, seconds: 0 } : run('npx', ['vite', 'build', ...config]),
	prepare('fixtures')
]);
if (build.code !== 0) {
	console.error('The production build failed.');
	process.exit(1);
}
if (!skipBuild) {
	writeFileSync(BUILD_HASH_FILE, hash);
}
// The imports need the build and their files, not the collections: they run (in two browsers of
// their own, tests/bench/import-all.ts) while the largest collection is still being written.
// main.ts starts once the collections are ready: its export phase runs beside the imports, and it
// waits for the imports' exit code (written to this file) before the measures that need the
// machine to itself (tests/bench/imports-ended.ts).
const importsExitFile = `tests/.results/bench-imports-exit-${process.pid}.json`;
mkdirSync('tests/.results', { recursive: true });
rmSync(importsExitFile, { force: true });
const importing = (
	fixtures.code === 0
		? run('npx', ['tsx', 'tests/bench/import-all.ts'])
		: Promise.resolve({ code: 1, seconds: 0 })
).then((imports) => {
	writeFileSync(importsExitFile, JSON.stringify({ code: imports.code }));
	return imports;
});
const collections = await generating;
if (collections.code !== 0 || fixtures.code !== 0) {
	console.error('Preparing the collections or the import files failed.');
	await importing;
	process.exit(1);
}
// main.ts prints every phase's wall time; these ran here, side by side.
process.env.BENCH_PREPARE_SECONDS = JSON.stringify({
	build: build.seconds,
	'collections (beside the build and the imports)': collections.seconds,
	'import files (beside the build)': fixtures.seconds
});
process.env.BENCH_IMPORTS_EXIT_FILE = importsExitFile;
const [main, imports] = await Promise.all([run('npx', ['tsx', 'tests/bench/main.ts']), importing]);
if (imports.code !== 0) {
	console.error('The imports failed.');
}
process.exit(main.code || imports.code);
