/**
 * Bench piece for issue 9: how long the optimiser takes on 25,000 and 75,000 reviews in its Web
 * Worker, driven through the real panel on the deck options page, and whether the page stays
 * responsive meanwhile.
 *
 * `measureOptimiser({ browser, origins, runs })` is called by the bench (tests/bench/main.ts via
 * optimiser-hook.ts). Each size gets a fresh browser context (so its own empty `engram`
 * database) on the first origin; a simulated learner's history and cards are written with the
 * raw IndexedDB API, then Optimise is pressed `min(runs, 3)` times, and the last result is
 * applied and its reschedule previewed once. Reported per size (medians):
 * - wall time from pressing Optimise to the result on screen (reading the history in the worker,
 *   loading the WASM on the first run, training, evaluating), and fsrs-rs training time alone;
 * - the longest main-thread task on the page while the optimiser ran, in CPU time from a trace
 *   (budget 100 ms), with its wall time, the Long Tasks API's figure and the longest gap between
 *   animation frames then and on the same page idle: on a shared 2-core machine a task's wall
 *   time mostly measures the other processes holding the cores (optimiser-trace.ts);
 * - the same for the reschedule preview.
 * Without cross-origin isolation (the bench server sends no COOP/COEP) it runs single-threaded.
 * OPTIMISER_SIZES (e.g. `75000`) picks the sizes when run alone with optimiser-cli.ts.
 */
import type { Browser, Page } from '@playwright/test';
import { default_w } from 'ts-fsrs';
import type { CardRecord, ReviewRecord } from '../../src/lib/domain/model';
import { simulateLearner, type SimulatedCard } from '../../src/lib/domain/optimiser/simulator';
import { DEFAULT_SCHEDULER_OPTIONS, State } from '../../src/lib/domain/scheduler';
import { traceMainThread, type MainThreadTasks } from './optimiser-trace';

export interface OptimiserBenchInput {
	browser: Browser;
	/** Origins serving the production build; the first one is used. */
	origins: Record<number, string>;
	runs: number;
}

/** The bench's table row (tests/bench/report.ts). */
export interface OptimiserRow {
	measure: string;
	figure: string;
	baseline: string;
	budget: string;
	pass?: boolean;
}

export interface OptimiserRun {
	reviews: number;
	trainingItems: number;
	wallMs: number;
	trainingMs: number;
	longestFrameGapMs: number;
	longestTaskMs: number;
	/** Longest frame gap on the same page left idle (up to 10 s): the machine's own noise. */
	idleFrameGapMs: number;
	threads: number;
	/** The same page's main thread from a trace: longest task in wall and in CPU time. */
	mainThread: MainThreadTasks;
}

export const REVIEW_COUNTS = (process.env.OPTIMISER_SIZES ?? '25000,75000').split(',').map(Number);
const LONG_TASK_BUDGET_MS = 100;
const DAY_MS = 86_400_000;
const REVIEWS_PER_CARD = 10;
/** The bundled deck: the history goes into it, and its options page holds the optimiser. */
const DECK_ID = 'engram-october-1917';

/**
 * About `count` reviews of a simulated learner over 150 days, ending yesterday, and the cards
 * they belong to (so rescheduling has review cards to move).
 */
export function benchHistory(count: number): { reviews: ReviewRecord[]; cards: SimulatedCard[] } {
	const start = new Date();
	start.setHours(9, 0, 0, 0);
	const { reviews, cards } = simulateLearner({
		seed: count,
		cards: Math.ceil((count / REVIEWS_PER_CARD) * 1.5),
		start: new Date(start.getTime() - 150 * DAY_MS),
		days: 148,
		introduceOverDays: 120,
		trueWeights: default_w.map((w, i) => (i < 4 ? w * 0.5 : w)),
		scheduling: DEFAULT_SCHEDULER_OPTIONS,
		deckId: DECK_ID
	});
	const kept = reviews.slice(0, count);
	const answered = new Set(kept.map((review) => review.cardId));
	return { reviews: kept, cards: cards.filter((card) => answered.has(card.id)) };
}

async function putRows(page: Page, store: string, rows: unknown[]): Promise<void> {
	for (let at = 0; at < rows.length; at += 10_000) {
		await page.evaluate(
			({ name, rows }) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open('engram');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const tx = open.result.transaction(name, 'readwrite');
						rows.forEach((row) => tx.objectStore(name).put(row));
						tx.oncomplete = () => {
							open.result.close();
							resolve();
						};
						tx.onerror = () => reject(tx.error);
					};
				}),
			{ name: store, rows: rows.slice(at, at + 10_000) }
		);
	}
}

/** The simulated cards go into the bundled deck beside its own, shaped like one of its cards. */
async function seed(page: Page, history: ReturnType<typeof benchHistory>): Promise<void> {
	const [template] = await page.evaluate<CardRecord[]>(`new Promise((resolve) => {
		const open = indexedDB.open('engram');
		open.onsuccess = () => {
			const request = open.result.transaction('cards').objectStore('cards').getAll(null, 1);
			request.onsuccess = () => (open.result.close(), resolve(request.result));
		};
	})`);
	const queue = (state: State) =>
		state === State.New ? 'new' : state === State.Review ? 'review' : 'learning';
	const cards = history.cards.map(({ id, card }, i) => ({
		...template,
		...card,
		id,
		position: 100_000 + i,
		queue: queue(card.state),
		mtime: Date.now()
	}));
	await putRows(page, 'cards', cards);
	await putRows(page, 'reviews', history.reviews);
}

/**
 * Starts recording the longest gap between animation frames; returns a reader that stops it.
 * Plain strings: tsx would wrap named functions in a helper the page does not have.
 */
const WATCH_FRAMES = `(() => {
	window.benchGap = 0;
	window.benchStop = false;
	window.benchLongest = 0;
	window.benchObserver = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			window.benchLongest = Math.max(window.benchLongest, entry.duration);
		}
	});
	window.benchObserver.observe({ type: 'longtask' });
	let last = performance.now();
	requestAnimationFrame(function tick(now) {
		window.benchGap = Math.max(window.benchGap, now - last);
		last = now;
		if (!window.benchStop) requestAnimationFrame(tick);
	});
})()`;

interface Responsiveness {
	/** Longest gap between animation frames, ms. */
	gap: number;
	/** Longest main-thread task (Long Tasks API; 0 when none over 50 ms), ms. */
	longest: number;
}

async function watchFrames(page: Page): Promise<() => Promise<Responsiveness>> {
	await page.evaluate(WATCH_FRAMES);
	return () =>
		page.evaluate<Responsiveness>(
			'(window.benchStop = true, window.benchObserver.disconnect(), { gap: window.benchGap, longest: window.benchLongest })'
		);
}

/** The same watch on an idle page for `ms`: on a busy machine frames slip even with no work. */
async function idleResponsiveness(page: Page, ms: number): Promise<Responsiveness> {
	const stop = await watchFrames(page);
	await page.waitForTimeout(ms);
	return stop();
}

async function optimiseOnce(page: Page, reviews: number): Promise<OptimiserRun> {
	await page.goto(`/decks/${DECK_ID}/options`);
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	await panel.getByRole('button', { name: 'Optimise' }).waitFor();
	// Let the app finish starting up, so only the optimiser's effect is measured.
	await page.waitForTimeout(1000);
	const stopWatching = await watchFrames(page);
	const started = Date.now();
	const done = panel.getByText(/^Optimised on \d+ reviews in [\d.]+ s\.$/);
	const traced = await traceMainThread(page, async () => {
		await panel.getByRole('button', { name: 'Optimise' }).click();
		await done.waitFor({ timeout: 600_000 });
	});
	const wallMs = Date.now() - started;
	const watched = await stopWatching();
	// What the panel says: "Optimised on N reviews in S s." and, under the parameters,
	// "Trained in S s on T thread(s)."
	const summary = (await done.textContent()) ?? '';
	const detail = (await panel.getByText(/^Trained in/).textContent()) ?? '';
	const number = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
	return {
		reviews,
		trainingItems: number(summary, /on (\d+) reviews/),
		wallMs,
		trainingMs: number(detail, /in ([\d.]+) s/) * 1000,
		longestFrameGapMs: watched.gap,
		longestTaskMs: watched.longest,
		idleFrameGapMs: (await idleResponsiveness(page, Math.min(wallMs, 10_000))).gap,
		threads: number(detail, /on (\d+)\s+thread/),
		mainThread: traced.tasks
	};
}

/** Applies the last result and times the reschedule preview, with the page's main thread. */
async function previewOnce(
	page: Page
): Promise<{ cards: number; wallMs: number; tasks: MainThreadTasks }> {
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	await panel.getByRole('button', { name: 'Apply' }).click();
	await panel.getByText(/^Applied/).waitFor();
	const started = Date.now();
	const caption = panel.getByText(/^Due in the next 7 days:/);
	const { tasks } = await traceMainThread(page, async () => {
		await panel.getByRole('button', { name: 'Preview rescheduling' }).click();
		await caption.waitFor({ timeout: 600_000 });
	});
	const wallMs = Date.now() - started;
	const cards = await page.evaluate<number>(`new Promise((resolve) => {
		const open = indexedDB.open('engram');
		open.onsuccess = () => {
			const request = open.result.transaction('cards').objectStore('cards').count();
			request.onsuccess = () => (open.result.close(), resolve(request.result));
		};
	})`);
	return { cards, wallMs, tasks };
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs the measurement; returns the bench's rows plus the raw runs under `runs`. */
export async function measureOptimiser(
	input: OptimiserBenchInput
): Promise<OptimiserRow[] & { runs?: OptimiserRun[] }> {
	const origin = Object.values(input.origins)[0];
	if (!origin) {
		throw new Error('The optimiser bench needs an origin serving the app.');
	}
	const runs: OptimiserRun[] = [];
	const rows: OptimiserRow[] & { runs?: OptimiserRun[] } = [];
	for (const count of REVIEW_COUNTS) {
		const history = benchHistory(count);
		const context = await input.browser.newContext({ baseURL: origin });
		try {
			const page = await context.newPage();
			await page.goto('/');
			await page
				.getByRole('link', { name: /^Study/ })
				.first()
				.waitFor();
			await seed(page, history);
			const mine: OptimiserRun[] = [];
			for (let run = 0; run < Math.max(1, Math.min(input.runs, 3)); run += 1) {
				mine.push(await optimiseOnce(page, history.reviews.length));
			}
			const preview = await previewOnce(page);
			runs.push(...mine);
			const gap = median(mine.map((r) => r.longestFrameGapMs));
			const task = median(mine.map((r) => r.longestTaskMs));
			const cpu = median(mine.map((r) => r.mainThread.longestCpuMs));
			const wall = median(mine.map((r) => r.mainThread.longestWallMs));
			const idle = median(mine.map((r) => r.idleFrameGapMs));
			const items = mine[0]?.trainingItems ?? 0;
			rows.push(
				{
					measure: `Optimise ${count.toLocaleString('en')} reviews (${items.toLocaleString('en')} training items), press to result`,
					figure: `${(median(mine.map((r) => r.wallMs)) / 1000).toFixed(1)} s`,
					baseline: `training alone ${(median(mine.map((r) => r.trainingMs)) / 1000).toFixed(1)} s, ${mine[0]?.threads ?? 1} thread(s)`,
					budget: 'informational'
				},
				{
					measure: `Page while optimising ${count.toLocaleString('en')} reviews: longest main-thread task, CPU time`,
					figure: `${cpu.toFixed(0)} ms`,
					baseline: `wall time ${wall.toFixed(0)} ms (Long Tasks API ${task.toFixed(0)} ms); longest frame gap ${gap.toFixed(0)} ms, idle page ${idle.toFixed(0)} ms`,
					budget: `≤ ${LONG_TASK_BUDGET_MS} ms`,
					pass: cpu <= LONG_TASK_BUDGET_MS
				},
				{
					measure: `Preview rescheduling ${preview.cards.toLocaleString('en')} cards: longest main-thread task, CPU time`,
					figure: `${preview.tasks.longestCpuMs.toFixed(0)} ms`,
					baseline: `wall time ${preview.tasks.longestWallMs.toFixed(0)} ms; press to preview ${(preview.wallMs / 1000).toFixed(1)} s`,
					budget: `≤ ${LONG_TASK_BUDGET_MS} ms`,
					pass: preview.tasks.longestCpuMs <= LONG_TASK_BUDGET_MS
				}
			);
		} finally {
			await context.close();
		}
	}
	rows.runs = runs;
	return rows;
}
