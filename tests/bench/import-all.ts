/**
 * (4) The import phase: every import file, alternating runs through the real import screen, each
 * against its raw IndexedDB baseline (measures/import.ts). It needs the build and the import
 * files but none of the collections, so scripts/bench.js runs it as its own process (this file,
 * run directly) while the collections are still being generated, and main.ts reads its results;
 * `npx tsx tests/bench/main.ts` alone runs it in process instead.
 *
 * Run directly, it splits the files into two streams that run side by side, each in its own
 * browser on its own port: the files run five times (up to 10k notes) and those run once (50k).
 * One stream writes with one browser's IndexedDB at a time; two use both cores (and twice the
 * share of a loaded machine), and they take about as long each (110–120 s idle, 6–8 minutes at a
 * load of 20). Within a stream the runs still alternate and each import is followed by its own
 * baseline. An import and its baseline run under whatever else the machine does at that moment,
 * generation and the other stream included: the ratio is what is judged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bundle, launchScratch, startServer } from './browser';
import { SEED } from './collections';
import { BASE_PORT, IMPORT_NOTES, SIZES } from './config';
import { importFixtures, type ImportFixture } from './import-fixtures';
import {
	importRun,
	installWorker,
	traceImport,
	TRACED_NOTES,
	type ImportRun,
	type ImportTrace
} from './measures/import';
import type { PhaseClock } from './phases';
import { importRunsFor, importStreams } from './import-plan';
import { rotate } from './stats';
import { benchLog, runCli } from './cli-session';

/** Where the separate import process leaves its results for main.ts (one file per first port). */
export const IMPORTS_FILE = `tests/.results/bench-imports-${BASE_PORT}.json`;
/** Its streams' own origins: the collections' ports are BASE_PORT and the next ones. */
const IMPORT_PORT = BASE_PORT + SIZES.length;

export const IMPORT_NOT_MEASURED = {
	measure: 'Import 10k/50k notes, CSV and .apkg',
	budget: '≤ 1.5 × raw IndexedDB (CSV), ≤ 2 × (.apkg); longest task ≤ 100 ms',
	why: 'the import screen is not in this build'
};

/** The timed runs of each file, and the extra traced import of each file up to TRACED_NOTES. */
export interface ImportRuns {
	runs: Record<string, ImportRun[]>;
	traces: ImportTrace[];
}

interface ImportsFile {
	startedAt: number;
	seconds: number;
	/** Wall seconds of each stream (they run side by side, so `seconds` is the longest). */
	streams?: Record<string, number>;
	runs: ImportRuns | undefined;
}

const log = benchLog;

/**
 * Alternating runs over every fixture, in a browser of their own on a scratch profile on disk
 * (browser.ts, launchScratch: not incognito, whose in-memory IndexedDB is many times slower),
 * after one traced import of each file up to TRACED_NOTES (measures/import.ts, traceImport).
 */
async function importAll(
	origin: string,
	probes: string,
	toolkit: string,
	fixtures: ImportFixture[]
): Promise<ImportRuns> {
	log(
		`import: ${fixtures.map((f) => f.name).join(', ')}: the import screen, against raw IndexedDB`
	);
	const runs: ImportRuns['runs'] = Object.fromEntries(fixtures.map((f) => [f.name, []]));
	const traces: ImportTrace[] = [];
	const most = Math.max(...fixtures.map((f) => importRunsFor(f.notes)));
	const { context, dir, close } = await launchScratch();
	try {
		await context.addInitScript({ content: probes });
		await installWorker(context, origin);
		for (const fixture of fixtures.filter((f) => f.notes <= TRACED_NOTES)) {
			const traced = await traceImport(context, origin, fixture, { profileDir: dir });
			traces.push(traced);
			log(
				`traced import (not timed into the median): ${fixture.name} done (${JSON.stringify(traced.steps)} s)`
			);
		}
		for (let run = 0; run < most; run += 1) {
			for (const fixture of rotate(fixtures, run)) {
				if (run < importRunsFor(fixture.notes)) {
					const done = await importRun(context, origin, fixture, toolkit, { profileDir: dir });
					runs[fixture.name]!.push(done);
					log(
						`import run ${run + 1}/${importRunsFor(fixture.notes)}: ${fixture.name} done (${JSON.stringify(done.steps)} s)`
					);
				}
			}
		}
	} finally {
		await close();
	}
	return { runs, traces };
}

const hasImportScreen = () => existsSync('src/routes/import');

/** The whole phase on `origin`, one file after another; undefined without an import screen. */
async function runImports(
	origin: string,
	probes: string,
	toolkit: string
): Promise<ImportRuns | undefined> {
	if (!hasImportScreen()) {
		log('import: no import screen in this build, not measured');
		return undefined;
	}
	const fixtures = await importFixtures(IMPORT_NOTES, SEED);
	return importAll(origin, probes, toolkit, fixtures);
}

/**
 * The import results for main.ts: those the separate process left in this run (timed there, as
 * a phase beside the collections), else measured now, in process.
 */
export async function importPhase(
	clock: PhaseClock,
	origin: string,
	probes: string,
	toolkit: string
): Promise<ImportRuns | undefined> {
	const started = Number(process.env.BENCH_STARTED ?? Infinity);
	if (existsSync(IMPORTS_FILE)) {
		const file = JSON.parse(readFileSync(IMPORTS_FILE, 'utf8')) as ImportsFile;
		if (file.startedAt >= started) {
			clock.add('import (beside the collections and the export)', file.seconds);
			for (const [notes, seconds] of Object.entries(file.streams ?? {})) {
				clock.add(`of which the stream of ${notes} notes`, seconds);
			}
			return file.runs;
		}
	}
	return clock.time('import', () => runImports(origin, probes, toolkit));
}

/** One stream in its own browser and server: its files' runs, and how long it took. */
async function runStream(notes: number[], port: number, probes: string, toolkit: string) {
	const started = Date.now();
	const server = await startServer(port);
	try {
		const fixtures = await importFixtures(notes, SEED);
		const runs = await importAll(server.origin, probes, toolkit, fixtures);
		return { runs, seconds: (Date.now() - started) / 1000 };
	} finally {
		server.stop();
	}
}

/** Run directly (by scripts/bench.js): the streams side by side, results to IMPORTS_FILE. */
async function standalone(): Promise<void> {
	const startedAt = Date.now();
	const [probes, toolkit] = await Promise.all([
		bundle('tests/bench/page/probes.ts'),
		bundle('tests/bench/page/index.ts')
	]);
	const file: ImportsFile = { startedAt, seconds: 0, runs: undefined };
	if (hasImportScreen()) {
		const streams = importStreams(IMPORT_NOTES);
		const done = await Promise.all(
			streams.map((notes, i) => runStream(notes, IMPORT_PORT + i, probes, toolkit))
		);
		file.runs = {
			runs: Object.assign({}, ...done.map((stream) => stream.runs.runs)) as ImportRuns['runs'],
			traces: done.flatMap((stream) => stream.runs.traces)
		};
		file.streams = Object.fromEntries(
			done.map((stream, i) => [streams[i]!.join('+'), Number(stream.seconds.toFixed(1))])
		);
	} else {
		log('import: no import screen in this build, not measured');
	}
	file.seconds = (Date.now() - startedAt) / 1000;
	mkdirSync('tests/.results', { recursive: true });
	writeFileSync(IMPORTS_FILE, JSON.stringify(file));
}

if (process.argv[1]?.endsWith('import-all.ts')) {
	runCli(standalone);
}
