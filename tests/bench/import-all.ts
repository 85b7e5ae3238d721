/**
 * (4) The import phase: every import file, alternating runs through the real import screen, each
 * against its raw IndexedDB baseline (measures/import.ts). It needs the build and the import
 * files but none of the collections, so scripts/bench.js runs it as its own process (this file,
 * run directly) while the collections are still being generated, on a port of its own, and
 * main.ts reads its results; `npx tsx tests/bench/main.ts` alone runs it in process instead.
 * Both an import and its baseline run under whatever else the machine does at that moment,
 * generation included: the ratio is what is judged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { bundle, launchBrowser, startServer } from './browser';
import { SEED } from './collections';
import { BASE_PORT, IMPORT_NOTES, SIZES } from './config';
import { importFixtures, type ImportFixture } from './import-fixtures';
import { importRun, installWorker, type ImportRun } from './measures/import';
import type { PhaseClock } from './phases';
import { rotate } from './stats';

const env = process.env;
const IMPORT_RUNS = Number(env.BENCH_IMPORT_RUNS ?? 5);
// One 50k-note .apkg import and its baseline take 1.5–3.5 minutes here (sql.js reading the
// revlog rows, then writing them twice): one run above 10k notes by default, said so in the
// table and the README (BENCH_LARGE_IMPORT_RUNS=5 for the five).
const LARGE_IMPORT_RUNS = Number(env.BENCH_LARGE_IMPORT_RUNS ?? 1);
const importRunsFor = (notes: number) => (notes > 10_000 ? LARGE_IMPORT_RUNS : IMPORT_RUNS);

/** Where the separate import process leaves its results for main.ts (one file per first port). */
export const IMPORTS_FILE = `tests/.results/bench-imports-${BASE_PORT}.json`;
/** Its own origin: the collections' ports are BASE_PORT and the next ones. */
const IMPORT_PORT = BASE_PORT + SIZES.length;

export const IMPORT_NOT_MEASURED = {
	measure: 'Import 10k/50k notes, CSV and .apkg',
	budget: '≤ 1.5 × raw IndexedDB (CSV), ≤ 2 × (.apkg); longest task ≤ 100 ms',
	why: 'the import screen is not in this build'
};

export type ImportRuns = Record<string, ImportRun[]>;

interface ImportsFile {
	startedAt: number;
	seconds: number;
	runs: ImportRuns | undefined;
}

const log = (message: string) =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Alternating runs over every fixture. */
async function importAll(
	browser: Browser,
	origin: string,
	probes: string,
	toolkit: string,
	fixtures: ImportFixture[]
): Promise<ImportRuns> {
	log('import: the import screen, against raw IndexedDB');
	const runs: ImportRuns = Object.fromEntries(fixtures.map((f) => [f.name, []]));
	const most = Math.max(...fixtures.map((f) => importRunsFor(f.notes)));
	const context = await browser.newContext();
	try {
		await context.addInitScript({ content: probes });
		await installWorker(context, origin);
		for (let run = 0; run < most; run += 1) {
			for (const fixture of rotate(fixtures, run)) {
				if (run < importRunsFor(fixture.notes)) {
					const done = await importRun(browser, context, origin, fixture, toolkit, run === 0);
					runs[fixture.name]!.push(done);
					log(
						`import run ${run + 1}/${importRunsFor(fixture.notes)}: ${fixture.name} done (${JSON.stringify(done.steps)} s)`
					);
				}
			}
		}
	} finally {
		await context.close();
	}
	return runs;
}

/** The whole phase on `origin`; undefined when the build has no import screen. */
async function runImports(
	browser: Browser,
	origin: string,
	probes: string,
	toolkit: string
): Promise<ImportRuns | undefined> {
	if (!existsSync('src/routes/import')) {
		log('import: no import screen in this build, not measured');
		return undefined;
	}
	const fixtures = await importFixtures(IMPORT_NOTES, SEED);
	return importAll(browser, origin, probes, toolkit, fixtures);
}

/**
 * The import results for main.ts: those the separate process left in this run (timed there, as
 * a phase beside the collections), else measured now, in process.
 */
export async function importPhase(
	clock: PhaseClock,
	browser: Browser,
	origin: string,
	probes: string,
	toolkit: string
): Promise<ImportRuns | undefined> {
	const started = Number(env.BENCH_STARTED ?? Infinity);
	if (existsSync(IMPORTS_FILE)) {
		const file = JSON.parse(readFileSync(IMPORTS_FILE, 'utf8')) as ImportsFile;
		if (file.startedAt >= started) {
			clock.add('import (beside the collections)', file.seconds);
			return file.runs;
		}
	}
	return clock.time('import', () => runImports(browser, origin, probes, toolkit));
}

/** Run directly (by scripts/bench.js): the phase in its own browser, results to IMPORTS_FILE. */
async function standalone(): Promise<void> {
	const startedAt = Date.now();
	const [probes, toolkit] = await Promise.all([
		bundle('tests/bench/page/probes.ts'),
		bundle('tests/bench/page/index.ts')
	]);
	const server = await startServer(IMPORT_PORT);
	const { browser } = await launchBrowser();
	try {
		const runs = await runImports(browser, server.origin, probes, toolkit);
		const file: ImportsFile = { startedAt, seconds: (Date.now() - startedAt) / 1000, runs };
		mkdirSync('tests/.results', { recursive: true });
		writeFileSync(IMPORTS_FILE, JSON.stringify(file));
	} finally {
		await browser.close();
		server.stop();
	}
}

if (process.argv[1]?.endsWith('import-all.ts')) {
	standalone().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
