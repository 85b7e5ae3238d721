/**
 * `npm run bench` (after scripts/bench.js has built the app): prepares collections of 1,000,
 * 10,000 and 100,000 cards, checks the harness, measures, prints a table and writes JSON.
 * Every figure is a median of alternating runs, compared with a baseline from the same runs.
 */
import { writeFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { bundle, inPage, launchBrowser, startServer, type Server } from './browser';
import { openCollections } from './collections';
import { importPhase } from './import-all';
import { BASE_PORT, SIZES } from './config';
import { machine } from './machine';
import { PhaseClock } from './phases';
import { measureBundle } from './measures/bundle';
import { optimiserRows } from './optimiser-hook';
import { coldRuns, coldTargets } from './measures/cold-start';
import { EXPORT_CARDS, EXPORT_KINDS, EXPORT_RUNS, exportAll } from './export-phase';
import { chooseRestoreBaseline, describeBaseline } from './restore-baseline';
import { studyRun, type StudyRun } from './measures/study';
import { SELF_CHECK_MIN_RATIO } from './page/self-check';
import {
	reportBrokenHarness,
	runSelfCheck,
	SELF_CHECK_FILE_ENV,
	takeSelfCheckFile,
	type SelfCheck
} from './self-check-run';
import { buildRows, type Results } from './verdicts';
import { IMPORT_NOT_MEASURED } from './import-all';
import { markdownTable } from './report';
import { rotate } from './stats';
import { CHUNK_MODULES_FILE } from './vite.bench.config';
import { BLANK_PATH } from './page/constants';
import { benchLog, runCli } from './cli-session';
import { IMPORTS_EXIT_ENV, untilImportsEnded } from './imports-ended';

const env = process.env;
const RUNS = Number(env.BENCH_RUNS ?? 5);
// 5 alternating runs × 40 answers = 200 answers per size.
const ANSWERS = Number(env.BENCH_ANSWERS ?? 40);
const OUT = env.BENCH_OUT ?? 'bench-results.json';
/** Seconds each database stays open before the cold starts (0: none; see settleDatabases). */
const SETTLE_SECONDS = Number(env.BENCH_SETTLE_SECONDS ?? 0);
// The optimiser's own bench piece (issue 9, tests/bench/optimiser.ts) takes 1.5–4 minutes a run
// here: not in the default run (BENCH_OPTIMISER_RUNS=1 adds it; optimiser-cli.ts runs it alone).
const OPTIMISER_RUNS = Number(env.BENCH_OPTIMISER_RUNS ?? 0);

const log = benchLog;

/**
 * The harness's self-check, before anything is measured: the result scripts/bench.js's run of
 * self-check-cli.ts left (it ran before the build), else run now. A broken harness stops the
 * bench (BENCH_SELF_CHECK=warn, for working on the bench on a busy machine, measures anyway and
 * the table still says so).
 */
async function harnessCheck(clock: PhaseClock, toolkit: string): Promise<SelfCheck> {
	const ran = takeSelfCheckFile(env[SELF_CHECK_FILE_ENV]);
	if (ran) {
		clock.add('self-check (before the build)', ran.seconds);
	}
	const check =
		ran?.check ?? (await clock.time('self-check', () => runSelfCheck(toolkit, RUNS, log)));
	const when = ran ? ' (before the build)' : '';
	log(`self-check ratio${when} ${check.ratio.toFixed(1)} × (needs ≥ ${SELF_CHECK_MIN_RATIO} ×)`);
	if (!check.ok && env.BENCH_SELF_CHECK !== 'warn') {
		throw new Error(reportBrokenHarness(check, OUT));
	}
	return check;
}

async function studyAll(context: BrowserContext, servers: Server[]) {
	const page = await context.newPage();
	const runs: StudyRun[][] = SIZES.map(() => []);
	try {
		for (const server of servers) {
			await studyRun(page, server.origin, Math.min(5, ANSWERS), 999); // warm-up, not counted
		}
		for (let run = 0; run < RUNS; run += 1) {
			for (const i of rotate(
				SIZES.map((_, k) => k),
				run
			)) {
				runs[i]!.push(await studyRun(page, servers[i]!.origin, ANSWERS, run));
				log(`study run ${run + 1}/${RUNS} at ${SIZES[i]} cards done`);
			}
		}
	} finally {
		await page.close();
	}
	return runs;
}

/** Opens `engram` and keeps the connection on the page until the page closes. */
const HOLD_DATABASE = `new Promise((resolve, reject) => {
	const open = indexedDB.open('engram');
	open.onsuccess = () => { globalThis.engramHeld = open.result; resolve(undefined); };
	open.onerror = () => reject(open.error);
})`;

/**
 * Keeps each collection's database open for `SETTLE_SECONDS` before the cold starts (a page at
 * each origin that opens `engram` and holds the connection: the blank page's own probe closes
 * its connection once it has read a card), as a browser does for a while after a restore or
 * import: the background clean-up of a large transaction's undo log then finishes, which the
 * cold starts would otherwise keep cutting short (README, "Why opening a large database is slow").
 */
async function settleDatabases(context: BrowserContext, servers: Server[]): Promise<void> {
	const pages = await Promise.all(servers.map(() => context.newPage()));
	try {
		await Promise.all(
			pages.map(async (page, i) => {
				await page.goto(`${servers[i]!.origin}${BLANK_PATH}`);
				await inPage(page, HOLD_DATABASE);
			})
		);
		await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
	} finally {
		await Promise.all(pages.map((page) => page.close()));
	}
}

async function coldAll(context: BrowserContext, profile: string, servers: Server[]) {
	if (SETTLE_SECONDS > 0) {
		await settleDatabases(context, servers);
	}
	return coldRuns(
		context,
		profile,
		coldTargets(
			SIZES,
			servers.map((s) => s.origin)
		),
		RUNS
	);
}

async function main(): Promise<void> {
	// From scripts/bench.js's start, so the minutes include the build and the prepared collections.
	const started = Number(env.BENCH_STARTED ?? Date.now());
	const clock = new PhaseClock();
	// Timed by scripts/bench.js, which runs them side by side before this script.
	for (const [name, seconds] of Object.entries(
		JSON.parse(env.BENCH_PREPARE_SECONDS ?? '{}') as Record<string, number>
	)) {
		clock.add(name, seconds);
	}
	const [toolkit, probes, exportToolkit] = await Promise.all([
		bundle('tests/bench/page/index.ts'),
		bundle('tests/bench/page/probes.ts'),
		bundle('tests/bench/page/export-toolkit.ts')
	]);
	const check = await harnessCheck(clock, toolkit);
	const servers = await Promise.all(SIZES.map((_, i) => startServer(BASE_PORT + i)));
	const { browser, version } = await launchBrowser();
	let context: BrowserContext | undefined;
	try {
		const made = await clock.time('collections', () =>
			openCollections(
				SIZES,
				servers.map((server) => server.origin),
				probes,
				log
			)
		);
		context = made.context;
		const collections = made.counts;
		const exportAt = Math.max(0, SIZES.indexOf(EXPORT_CARDS));
		const exportPhase = () => {
			const restore = chooseRestoreBaseline({
				exportRuns: EXPORT_RUNS,
				generatedThisRun: made.generated,
				timing: made.restores[exportAt],
				current: made.current
			});
			log(
				`export: ${EXPORT_KINDS.join(', ')} of ${SIZES[exportAt]} cards, ${EXPORT_RUNS} runs each`
			);
			log(`export: the backup is compared with ${describeBaseline(restore)}`);
			return exportAll(
				context!,
				servers[exportAt]!.origin,
				exportToolkit,
				restore.use !== 'measure',
				log
			).then((phase) => ({ ...phase, restore }));
		};
		// Run by scripts/bench.js, the imports are still running in their own process: the export
		// (judged against a restore many times slower, and by heap) and the bundle (sizes) run beside
		// them; the timed measures wait for them to end.
		const importsExit = env[IMPORTS_EXIT_ENV];
		const exportsBeside = importsExit
			? await clock.time('export (beside the imports)', exportPhase)
			: undefined;
		log('bundle: first screen and precache');
		const bundleReport = await clock.time('bundle', () =>
			measureBundle(browser, servers[0]!.origin, CHUNK_MODULES_FILE)
		);
		if (importsExit) {
			log('waiting for the imports to end before the timed measures');
			const code = await clock.time('waiting for the imports', () =>
				untilImportsEnded(importsExit)
			);
			if (code !== 0) {
				throw new Error('The import phase failed (its output is above): nothing more measured.');
			}
		}
		log(`study: ${RUNS} alternating runs of ${ANSWERS} answers per size`);
		const study = await clock.time('study', () => studyAll(context!, servers));
		log('cold start, offline');
		const cold = await clock.time('cold start', () => coldAll(context!, made.profile, servers));
		const exports = exportsBeside ?? (await clock.time('export', exportPhase));
		const restore = exports.restore;
		const imports = await importPhase(clock, servers[0]!.origin, probes, toolkit);
		const origins = Object.fromEntries(SIZES.map((size, i) => [size, servers[i]!.origin]));
		log(`optimiser: ${OPTIMISER_RUNS} run(s) of tests/bench/optimiser.ts`);
		const optimiser =
			OPTIMISER_RUNS > 0
				? await clock.time('optimiser', () =>
						optimiserRows({ browser, origins, runs: OPTIMISER_RUNS })
					)
				: { rows: [], raw: undefined };
		const results: Results = {
			sizes: SIZES,
			selfCheck: check,
			bundle: bundleReport,
			collections,
			study,
			cold,
			imports: imports?.runs,
			importTraces: imports?.traces,
			exports: {
				cards: SIZES[exportAt]!,
				runs: exports.runs,
				restoreBaseline: restore,
				dailySnapshots: exports.snapshots
			},
			notMeasured: imports ? [] : [IMPORT_NOT_MEASURED],
			optimiser: optimiser.raw
		};
		const rows = [...buildRows(results), ...optimiser.rows];
		const table = markdownTable(rows);
		const minutes = (Date.now() - started) / 60_000;
		const info = {
			...machine(version),
			minutes: Number(minutes.toFixed(1)),
			runs: RUNS,
			answers: ANSWERS,
			collectionsGenerated: made.generated,
			generationMinutes: Number(made.generationMinutes.toFixed(1)),
			collectionsCompacted: made.compacted,
			phases: clock.phases
		};
		console.log(`\n${table}\n`);
		console.log(
			`Machine: ${info.cpus} × ${info.cpuModel}, Chromium ${info.chromium}, Node ${info.node}; load average ${info.load.join(', ')} at the end; ${info.minutes} min (collections ${made.generated ? 'generated in this run' : 'copied from an earlier run'}, generating them took ${info.generationMinutes} min, ${made.compacted ? 'then compacted by Chromium' : 'NOT compacted'}).`
		);
		console.log(`Phases (wall time): ${clock.summary()}.`);
		writeFileSync(OUT, JSON.stringify({ machine: info, rows, results }, null, 1));
		log(`wrote ${OUT}`);
	} finally {
		await context?.close();
		await browser.close();
		servers.forEach((server) => server.stop());
	}
}

runCli(main);
