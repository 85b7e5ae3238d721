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
 * - the longest gap between animation frames on the page while the optimiser ran (a page that
 *   stays responsive keeps it near a frame; the budget is 100 ms, as for long tasks).
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
	threads: number;
}

export const REVIEW_COUNTS = [25_000, 75_000];
const FRAME_GAP_BUDGET_MS = 100;
const DAY_MS = 86_400_000;
const REVIEWS_PER_CARD = 10;

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
		deckId: 'engram-october-1917'
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
	let last = performance.now();
	requestAnimationFrame(function tick(now) {
		window.benchGap = Math.max(window.benchGap, now - last);
		last = now;
		if (!window.benchStop) requestAnimationFrame(tick);
	});
})()`;

async function watchFrames(page: Page): Promise<() => Promise<number>> {
	await page.evaluate(WATCH_FRAMES);
	return () => page.evaluate<number>('(window.benchStop = true, window.benchGap)');
}

async function optimiseOnce(page: Page, reviews: number): Promise<OptimiserRun> {
	await page.goto('/optimise/default');
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	const stopWatching = await watchFrames(page);
	const started = Date.now();
	await panel.getByRole('button', { name: 'Optimise' }).click();
	const done = panel.getByText(/^Optimised on \d+ reviews in [\d.]+ s\.$/);
	await done.waitFor({ timeout: 600_000 });
	const wallMs = Date.now() - started;
	const longestFrameGapMs = await stopWatching();
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
		longestFrameGapMs,
		threads: number(detail, /on (\d+)\s+thread/)
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
			const items = mine[0]?.trainingItems ?? 0;
			rows.push(
				{
					measure: `Optimise ${count.toLocaleString('en')} reviews (${items.toLocaleString('en')} training items), press to result`,
					figure: `${(median(mine.map((r) => r.wallMs)) / 1000).toFixed(1)} s`,
					baseline: `training alone ${(median(mine.map((r) => r.trainingMs)) / 1000).toFixed(1)} s, ${mine[0]?.threads ?? 1} thread(s)`,
					budget: 'informational'
				},
				{
					measure: `Page responsiveness while optimising ${count.toLocaleString('en')} reviews: longest frame gap`,
					figure: `${gap.toFixed(0)} ms`,
					baseline: '–',
					budget: `≤ ${FRAME_GAP_BUDGET_MS} ms`,
					pass: gap <= FRAME_GAP_BUDGET_MS
				}
			);
		} finally {
			await context.close();
		}
	}
	rows.runs = runs;
	return rows;
}
