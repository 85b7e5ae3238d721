/**
 * (4) Import throughput through the real import screen: a file chosen with "Choose a deck file"
 * (and, for CSV, the column mapping confirmed with "Import"), timed until the import summary is
 * painted, with the longest main-thread task in between. Baseline, same run: the records that
 * import wrote, written again with the raw IndexedDB API in 1,000-record transactions.
 *
 * Each import lands in an empty collection. The bench's import phase (import-all.ts) gives every
 * run an origin of its own, never used before, in a browser that blocks service workers: nothing
 * to delete first, and no worker installing (precaching every file) beside the import. Until
 * session 19 each browser reused one origin whose worker was installed before the first run, and
 * deleted the last run's two databases before the next: Chromium's clean-up of those deletions
 * (a 10k .apkg run's 91k records) kept its storage threads busy for 6–30 s before each import,
 * at the CPU the other browser was measuring with. import-cli.ts still reuses one origin
 * (`freshOrigin` unset): there each run deletes the last one's collection first. The import and the
 * baseline's writes each wait for the browser's storage to settle first (storage-quiet.ts), so
 * neither pays for the other's (or the last run's) background clean-up.
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { ImportFixture } from '../import-fixtures';
import type { BaselineResult } from '../page/baseline';
import type { ProbeState } from '../page/probes';
import { IMPORT_CHOSEN_MARK, IMPORT_DONE_MARK } from '../page/constants';
import { inPage, waitForServiceWorker } from '../browser';
import { traceMainThread, type MainThreadTasks } from '../optimiser-trace';
import { storageQuiet } from '../storage-quiet';

export interface ImportRun {
	fixture: string;
	importMs: number;
	baselineMs: number;
	records: number;
	/** Longest main-thread task between choosing/confirming and the summary (0: none over 50 ms). */
	longestTaskMs: number;
	/** Wall seconds of each step of the run, untimed work included (where a run's minutes go). */
	steps: Record<string, number>;
}

/**
 * The first run of each file up to this many notes is traced (a trace of a minutes-long 50k
 * import outgrows what Node can turn into a string: those are judged by the Long Tasks API only).
 * The traced run is timed into the median like the others: its trace (DevTools' task events only)
 * costs the import a little, which can only make its ratio worse. Until session 18 it was an extra
 * run of its own, without a baseline: 26 + 51 s of the phase's 10k stream.
 */
export const TRACED_NOTES = 10_000;

/**
 * DevTools' own task events (`RunTask`, as its Performance panel reads them): in a trace of a 10k
 * .apkg import with both, they were the same 1,369 main-thread tasks with the same wall and CPU
 * times as `toplevel`'s, but `toplevel` also records every mojo message and thread-pool task of
 * every process: its 10k CSV trace held 46 MB (1,670 of its 156k events on the page's main
 * thread) against 4 MB, took 3.5–6.6 s to stop and read against 0.5 s, and slowed that import
 * from 6.6 s to 11–12 s (session 17).
 */
const TASK_CATEGORIES = ['disabled-by-default-devtools.timeline'];

/** The traced run of a file: its main thread's tasks during the import. */
export interface ImportTrace {
	fixture: string;
	/** The traced import's time (also in its run). */
	importMs: number;
	longestTaskMs: number;
	/**
	 * The page's main thread from a trace of the whole import (choosing the file to the summary):
	 * each task's CPU time is the work the page did, its wall time also counts the other processes
	 * holding the 2 shared cores.
	 */
	mainThread: MainThreadTasks;
	steps: Record<string, number>;
}

/** A static file of the app, where no page holds the database open. */
const EMPTY_PAGE = '/favicon.svg';

/** Installs the app's worker in the context every import runs in, and waits until it controls. */
export async function installWorker(context: BrowserContext, origin: string): Promise<void> {
	const page = await context.newPage();
	try {
		await page.goto(`${origin}/import`);
		await page.getByRole('heading', { name: 'Import a deck' }).waitFor({ timeout: 60_000 });
		await waitForServiceWorker(page);
	} finally {
		await page.close();
	}
}

async function emptyCollection(page: Page, origin: string): Promise<void> {
	await page.goto(`${origin}${EMPTY_PAGE}`);
	await inPage(
		page,
		`new Promise((resolve, reject) => {
			const request = indexedDB.deleteDatabase('engram');
			request.onsuccess = resolve;
			request.onerror = () => reject(request.error);
			request.onblocked = () => reject(new Error('engram is still open elsewhere'));
		})`
	);
}

export interface ImportRunOptions {
	/**
	 * The context's profile directory: the import and the baseline's writes each start once the
	 * browser's storage threads are quiet (storage-quiet.ts). Without it they start at once.
	 */
	profileDir?: string;
	/** Called as each step ends (import-cli.ts reads the threads' CPU there). */
	onStep?: (name: string) => void;
	/** Trace the import's main-thread tasks (TRACED_NOTES). */
	trace?: boolean;
	/** `origin` has never been used: nothing to delete first, and nothing deleted after. */
	freshOrigin?: boolean;
}

/** A timed run, and its trace if it was traced. */
export interface TimedImport {
	run: ImportRun;
	trace?: ImportTrace;
}

/** Wall seconds of each step of a run, as each ends. */
function stepClock({ profileDir, onStep }: ImportRunOptions) {
	const steps: Record<string, number> = {};
	let stepStart = Date.now();
	const step = (name: string) => {
		steps[name] = Number(((Date.now() - stepStart) / 1000).toFixed(1));
		stepStart = Date.now();
		onStep?.(name);
	};
	const settle = async (before: string) => {
		if (profileDir) {
			await storageQuiet(profileDir);
			step(`settle before ${before}`);
		}
	};
	return { steps, step, settle };
}

interface Imported {
	importMs: number;
	longestTaskMs: number;
	tasks?: MainThreadTasks;
}

/**
 * Empties the collection, opens the import screen, waits for the storage to settle, imports the
 * file (traced or not) and checks its summary.
 */
async function importOnPage(
	page: Page,
	origin: string,
	fixture: ImportFixture,
	{ trace, freshOrigin }: ImportRunOptions,
	{ step, settle }: ReturnType<typeof stepClock>
): Promise<Imported> {
	if (!freshOrigin) {
		await emptyCollection(page, origin);
		step('empty');
	}
	await page.goto(`${origin}/import`);
	await page.getByRole('heading', { name: 'Import a deck' }).waitFor({ timeout: 60_000 });
	step('open');
	await settle('import');
	const importIt = async () => {
		// Handing a 50k-note file to the page took over Playwright's default 30 s at a load of 20;
		// the import is timed from the input's change event, so this wait is not measured.
		await page.getByLabel('Choose a deck file').setInputFiles(fixture, { timeout: 180_000 });
		if (fixture.kind === 'csv') {
			await page.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 60_000 });
		}
		return inPage<boolean>(page, `engramProbes.until('imported', 0, 600000)`);
	};
	const traced = trace
		? await traceMainThread(page, importIt, TASK_CATEGORIES, {
				from: IMPORT_CHOSEN_MARK,
				to: IMPORT_DONE_MARK
			})
		: { result: await importIt(), tasks: undefined };
	step(trace ? 'import (traced)' : 'import');
	const summary = page.getByRole('status', { name: 'Import summary' });
	const text = await summary.innerText({ timeout: 1000 }).catch(() => '');
	if (
		!traced.result ||
		!text.includes(`${fixture.notes.toLocaleString('en').replace(/,/g, '')} notes added`)
	) {
		throw new Error(
			`Importing ${fixture.name} did not finish with ${fixture.notes} notes added: ${text}`
		);
	}
	const probe = await inPage<Pick<ProbeState, 'importing' | 'longTasks'>>(
		page,
		'({ importing: engramProbes.importing, longTasks: engramProbes.longTasks })'
	);
	const start = probe.importing.confirmedAt ?? probe.importing.chosenAt ?? 0;
	const end = probe.importing.doneAt ?? 0;
	const during = probe.longTasks.filter(([at]) => at >= start && at <= end);
	return {
		importMs: end - start,
		longestTaskMs: Math.max(0, ...during.map(([, duration]) => duration)),
		tasks: traced.tasks
	};
}

/** One timed run: the import through the app's screen, then its raw IndexedDB baseline. */
export async function importRun(
	context: BrowserContext,
	origin: string,
	fixture: ImportFixture,
	toolkit: string,
	options: ImportRunOptions
): Promise<TimedImport> {
	const page = await context.newPage();
	const clock = stepClock(options);
	const { step, settle } = clock;
	try {
		const imported = await importOnPage(page, origin, fixture, options, clock);
		// The baseline runs without the app: an app page open a minute starts the daily snapshot
		// (a full backup, daily-snapshot.svelte.ts), which waits for the import's journal and then
		// ran beside the baseline (1.2-1.3 s of a worker's CPU in each baseline after a 10k .apkg
		// import of over a minute, import-cli.ts), slowing the side the import is compared with.
		await page.goto(`${origin}${EMPTY_PAGE}`);
		await inPage(page, toolkit);
		await inPage<number>(page, 'engramBench.prepareBaseline()');
		step('baseline read');
		await settle('baseline');
		const keep = options.freshOrigin === true;
		const baseline = await inPage<BaselineResult>(page, `engramBench.writeBaseline(${keep})`);
		step('baseline');
		const run = {
			fixture: fixture.name,
			importMs: imported.importMs,
			baselineMs: baseline.ms,
			records: baseline.records,
			longestTaskMs: imported.longestTaskMs,
			steps: clock.steps
		};
		const { fixture: name, importMs, longestTaskMs, steps } = run;
		const trace = imported.tasks && {
			fixture: name,
			importMs,
			longestTaskMs,
			mainThread: imported.tasks,
			steps
		};
		return { run, trace };
	} finally {
		await page.close();
	}
}
