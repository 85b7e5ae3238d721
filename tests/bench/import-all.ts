/**
 * (4) The import phase: the runs of every import file through the real import screen, each
 * against its raw IndexedDB baseline (measures/import.ts). It needs the build and the import
 * files but none of the collections, so scripts/bench.js runs it as its own process (this file,
 * run directly) while the collections are still being generated, and main.ts reads its results;
 * `npx tsx tests/bench/main.ts` alone runs it in process instead.
 *
 * Run directly, it runs IMPORT_STREAMS browsers side by side, each on its own port, taking the
 * runs from one queue (import-plan.ts), longest first: the files run once (50k), then the five
 * runs of each file up to 10k notes. Each run imports on an origin of its own
 * (`import-<n>.localhost` on its browser's port: freshOrigins), so it starts on an empty
 * collection with nothing to delete (measures/import.ts). One browser writes with one IndexedDB
 * thread at a time; two use both cores (and twice the share of a loaded machine), and as each
 * takes the next run when it is done they end within about one short run of each other. Each import is followed by
 * its own baseline. An import and its baseline run under whatever else the machine does at that
 * moment, generation and the other stream included: the ratio is what is judged.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { bundle, launchScratch, startServer } from './browser';
import { SEED } from './collections';
import { BASE_PORT, IMPORT_NOTES, SIZES } from './config';
import { importFixtures, type ImportFixture } from './import-fixtures';
import { importRun, TRACED_NOTES, type ImportRun, type ImportTrace } from './measures/import';
import type { PhaseClock } from './phases';
import {
	freshOrigins,
	IMPORT_STREAMS,
	importQueue,
	importRunsFor,
	type QueuedRun
} from './import-plan';
import { benchLog, runCli } from './cli-session';

/** Where the separate import process leaves its results for main.ts (one file per first port). */
export const IMPORTS_FILE = `tests/.results/bench-imports-${BASE_PORT}.json`;
/** Its streams' own ports: the collections' ports are BASE_PORT and the next ones. */
const IMPORT_PORT = BASE_PORT + SIZES.length;

export const IMPORT_NOT_MEASURED = {
	measure: 'Import 10k/50k notes, CSV and .apkg',
	budget: '≤ 1.5 × raw IndexedDB (CSV), ≤ 2 × (.apkg); longest task ≤ 100 ms',
	why: 'the import screen is not in this build'
};

/** The timed runs of each file, and the traces of the traced ones (the first of each up to TRACED_NOTES). */
export interface ImportRuns {
	runs: Record<string, ImportRun[]>;
	traces: ImportTrace[];
}

interface ImportsFile {
	startedAt: number;
	seconds: number;
	/** Wall seconds of each stream, by name (they run side by side, so `seconds` is the longest). */
	streams?: Record<string, number>;
	runs: ImportRuns | undefined;
}

const log = benchLog;

/**
 * One stream: a browser of its own on a scratch profile on disk (browser.ts, launchScratch: not
 * incognito, whose in-memory IndexedDB is many times slower), taking runs from `queue` until it is
 * empty, into `into`, each on a new origin. It blocks service workers: on a new origin the app's
 * would install, precaching every file, beside the import (an import fetches nothing the worker
 * would answer differently: its code from the same local server).
 */
async function runStream(
	origin: string,
	newOrigin: (origin: string) => string,
	probes: string,
	toolkit: string,
	queue: QueuedRun<ImportFixture>[],
	into: ImportRuns
): Promise<void> {
	const { context, dir, close } = await launchScratch('block');
	try {
		await context.addInitScript({ content: probes });
		for (let next = queue.shift(); next; next = queue.shift()) {
			const { fixture, run } = next;
			const trace = run === 0 && fixture.notes <= TRACED_NOTES;
			const done = await importRun(context, newOrigin(origin), fixture, toolkit, {
				profileDir: dir,
				trace,
				freshOrigin: true
			});
			into.runs[fixture.name]!.push(done.run);
			if (done.trace) {
				into.traces.push(done.trace);
			}
			log(
				`import run ${run + 1}/${importRunsFor(fixture.notes)}${trace ? ' (traced)' : ''}: ${fixture.name} done (${JSON.stringify(done.run.steps)} s)`
			);
		}
	} finally {
		await close();
	}
}

/**
 * Every run of every file, one browser per origin (its server) side by side taking them from one
 * queue, each run on a new origin of that server; the wall seconds of each stream.
 */
async function importAll(
	origins: string[],
	probes: string,
	toolkit: string,
	fixtures: ImportFixture[]
): Promise<{ runs: ImportRuns; seconds: number[] }> {
	const queue = importQueue(fixtures);
	const newOrigin = freshOrigins();
	log(
		`import: ${fixtures.map((f) => f.name).join(', ')}: the import screen, against raw IndexedDB; ${queue.length} runs, ${origins.length} browser(s) side by side, each run on a new origin`
	);
	const runs: ImportRuns = {
		runs: Object.fromEntries(fixtures.map((f) => [f.name, []])),
		traces: []
	};
	const seconds = await Promise.all(
		origins.map(async (origin) => {
			const started = Date.now();
			await runStream(origin, newOrigin, probes, toolkit, queue, runs);
			return (Date.now() - started) / 1000;
		})
	);
	return { runs, seconds };
}

const hasImportScreen = () => existsSync('src/routes/import');

/**
 * The whole phase on `origin`'s server, one file after another; undefined without an import
 * screen.
 */
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
	return (await importAll([origin], probes, toolkit, fixtures)).runs;
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
			for (const [stream, seconds] of Object.entries(file.streams ?? {})) {
				clock.add(`of which ${stream}`, seconds);
			}
			return file.runs;
		}
	}
	return clock.time('import', () => runImports(origin, probes, toolkit));
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
		const fixtures = await importFixtures(IMPORT_NOTES, SEED);
		const count = Math.max(1, IMPORT_STREAMS);
		const ports = Array.from({ length: count }, (_, i) => IMPORT_PORT + i);
		const servers = await Promise.all(ports.map((port) => startServer(port)));
		try {
			const origins = servers.map((server) => server.origin);
			const done = await importAll(origins, probes, toolkit, fixtures);
			file.runs = done.runs;
			file.streams = Object.fromEntries(
				done.seconds.map((seconds, i) => [`stream ${i + 1}`, Number(seconds.toFixed(1))])
			);
		} finally {
			servers.forEach((server) => server.stop());
		}
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
