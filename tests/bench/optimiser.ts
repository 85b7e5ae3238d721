/**
 * Bench piece for issue 9: how long the optimiser takes on 25,000 and 75,000 reviews in its Web
 * Worker, driven through the real panel, and whether the page stays responsive meanwhile.
 *
 * `measureOptimiser({ browser, origins, runs })` is called by the bench (tests/bench/main.ts via
 * optimiser-hook.ts). Each size gets a fresh browser context (so its own empty `engram`
 * database) on the first origin; a seeded simulated history is written with the raw IndexedDB
 * API, then Optimise is pressed `min(runs, 3)` times. Reported per size (medians):
 * - wall time from pressing Optimise to the result on screen (reading the history, moving it to
 *   the worker, loading the WASM on the first run, training, evaluating);
 * - fsrs-rs training time alone, as the worker measured it;
 * - the longest main-thread task on the page while the optimiser ran (Long Tasks API; budget
 *   100 ms), with the longest gap between animation frames then and on the same page idle,
 *   since on a shared 2-core machine frames slip even when the page does nothing.
 * Without cross-origin isolation (the bench server sends no COOP/COEP) it runs single-threaded.
 */
import type { Browser, Page } from '@playwright/test';
import { default_w } from 'ts-fsrs';
import type { ReviewRecord } from '../../src/lib/domain/model';
import { simulateReviews } from '../../src/lib/domain/optimiser/simulator';
import { DEFAULT_SCHEDULER_OPTIONS } from '../../src/lib/domain/scheduler';

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
	slowFrames: unknown[];
}

export const REVIEW_COUNTS = (process.env.OPTIMISER_SIZES ?? '25000,75000').split(',').map(Number);
const LONG_TASK_BUDGET_MS = 100;
const DAY_MS = 86_400_000;
const REVIEWS_PER_CARD = 10;
/** The bundled deck: the history goes into it, and its options page holds the optimiser. */
const DECK_ID = 'engram-october-1917';

/** About `count` reviews of a simulated learner over 150 days, ending yesterday. */
export function benchHistory(count: number): ReviewRecord[] {
	const start = new Date();
	start.setHours(9, 0, 0, 0);
	const reviews = simulateReviews({
		seed: count,
		cards: Math.ceil((count / REVIEWS_PER_CARD) * 1.5),
		start: new Date(start.getTime() - 150 * DAY_MS),
		days: 148,
		introduceOverDays: 120,
		trueWeights: default_w.map((w, i) => (i < 4 ? w * 0.5 : w)),
		scheduling: DEFAULT_SCHEDULER_OPTIONS,
		deckId: DECK_ID
	});
	return reviews.slice(0, count);
}

async function seed(page: Page, reviews: ReviewRecord[]): Promise<void> {
	for (let at = 0; at < reviews.length; at += 10_000) {
		await page.evaluate(
			(rows) =>
				new Promise<void>((resolve, reject) => {
					const open = indexedDB.open('engram');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const tx = open.result.transaction('reviews', 'readwrite');
						rows.forEach((row) => tx.objectStore('reviews').put(row));
						tx.oncomplete = () => {
							open.result.close();
							resolve();
						};
						tx.onerror = () => reject(tx.error);
					};
				}),
			reviews.slice(at, at + 10_000)
		);
	}
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
	window.benchFrames = [];
	window.benchFrameObserver = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			if (entry.duration > 100) {
				window.benchFrames.push({
					duration: Math.round(entry.duration),
					blocking: Math.round(entry.blockingDuration),
					work: Math.round((entry.renderStart || entry.startTime + entry.duration) - entry.startTime),
					render: entry.renderStart ? Math.round(entry.startTime + entry.duration - entry.renderStart) : 0,
					layout: entry.styleAndLayoutStart ? Math.round(entry.startTime + entry.duration - entry.styleAndLayoutStart) : 0,
					scripts: entry.scripts.map((s) => ({
						duration: Math.round(s.duration),
						invoker: s.invoker,
						source: s.sourceURL.split('/').pop() + ':' + s.sourceFunctionName
					}))
				});
			}
		}
	});
	window.benchFrameObserver.observe({ type: 'long-animation-frame' });
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
	/** Animation frames over 100 ms with the scripts that ran in them (LoAF API): the culprits. */
	frames: unknown[];
}

async function watchFrames(page: Page): Promise<() => Promise<Responsiveness>> {
	await page.evaluate(WATCH_FRAMES);
	return () =>
		page.evaluate<Responsiveness>(
			'(window.benchStop = true, window.benchObserver.disconnect(), window.benchFrameObserver.disconnect(), { gap: window.benchGap, longest: window.benchLongest, frames: window.benchFrames })'
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
	await panel.getByRole('button', { name: 'Optimise' }).click();
	const done = panel.getByText(/^Optimised on \d+ reviews in [\d.]+ s\.$/);
	await done.waitFor({ timeout: 600_000 });
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
		slowFrames: watched.frames
	};
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
				mine.push(await optimiseOnce(page, history.length));
			}
			runs.push(...mine);
			const gap = median(mine.map((r) => r.longestFrameGapMs));
			const task = median(mine.map((r) => r.longestTaskMs));
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
					measure: `Page while optimising ${count.toLocaleString('en')} reviews: longest main-thread task`,
					figure: `${task.toFixed(0)} ms`,
					baseline: `longest frame gap ${gap.toFixed(0)} ms (idle page: ${idle.toFixed(0)} ms)`,
					budget: `≤ ${LONG_TASK_BUDGET_MS} ms`,
					pass: task <= LONG_TASK_BUDGET_MS
				}
			);
		} finally {
			await context.close();
		}
	}
	rows.runs = runs;
	return rows;
}
