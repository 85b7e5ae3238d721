// Proves personal FSRS parameters end to end, offline: with a seeded review history (a simulated
// learner who forgets faster than the defaults assume), a person opens the optimiser with no
// network, sees it work, evaluates and applies the result, and the Easy button of a new card on
// the study screen then offers a different interval, because the scheduler uses the parameters.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createEmptyCard, default_w, fsrs, get_fuzz_range, Rating } from 'ts-fsrs';
import type { ReviewRecord } from '../../src/lib/domain/model';
import { simulateReviews } from '../../src/lib/domain/optimiser/simulator';
import { DEFAULT_SCHEDULER_OPTIONS } from '../../src/lib/domain/scheduler';
import { BUNDLED_DECK_ID, press, readStore, waitForServiceWorker } from './fixtures';

const DAY_MS = 86_400_000;

/** A hundred days of reviews, ending yesterday, always starting at 9 am local time. */
function history(cards = 400): ReviewRecord[] {
	const start = new Date();
	start.setHours(9, 0, 0, 0);
	return simulateReviews({
		seed: 9,
		cards,
		start: new Date(start.getTime() - 100 * DAY_MS),
		days: 98,
		introduceOverDays: 60,
		trueWeights: default_w.map((w, i) => (i < 4 ? w * 0.3 : i === 8 ? w * 0.6 : w)),
		scheduling: DEFAULT_SCHEDULER_OPTIONS,
		deckId: BUNDLED_DECK_ID
	});
}

/** Writes the reviews with the raw IndexedDB API, as an earlier life of the app would have. */
async function seedReviews(page: Page, reviews: ReviewRecord[]): Promise<void> {
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('engram');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('reviews', 'readwrite');
					const store = tx.objectStore('reviews');
					rows.forEach((row) => store.put(row));
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		reviews
	);
}

/** Days offered by the Easy button of the first new card on the study screen. */
async function easyDays(page: Page, touch: boolean): Promise<number> {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await press(page.getByRole('button', { name: 'Show answer' }), touch);
	const easy = page.getByRole('button', { name: /^Easy \d+d$/ });
	await expect(easy).toBeVisible();
	return Number(/(\d+)d$/.exec((await easy.textContent()) ?? '')?.[1]);
}

/** The days Easy on a new card may give with these weights, fuzz included. */
function easyRange(weights: readonly number[]): { min_ivl: number; max_ivl: number } {
	const now = new Date();
	const scheduler = fsrs({ w: [...weights], enable_fuzz: false });
	const days = scheduler.next(createEmptyCard(now), now, Rating.Easy).card.scheduled_days;
	// ts-fsrs leaves intervals under 2.5 days unfuzzed.
	return days < 3 ? { min_ivl: days, max_ivl: days } : get_fuzz_range(days, 0, 36500);
}

test('optimise offline, evaluate, apply, and the study screen uses the new parameters', async ({
	page,
	context,
	isMobile
}) => {
	test.setTimeout(90_000);
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	await waitForServiceWorker(page);
	const reviews = history();
	expect(reviews.length).toBeGreaterThan(3000);
	await seedReviews(page, reviews);
	const before = await easyDays(page, isMobile);
	const defaults = easyRange(default_w);
	expect(before).toBeGreaterThanOrEqual(defaults.min_ivl);
	expect(before).toBeLessThanOrEqual(defaults.max_ivl);

	await context.setOffline(true);
	await page.goto('/optimise/default');
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	await press(panel.getByRole('button', { name: 'Optimise' }), isMobile);
	await expect(panel.getByRole('progressbar', { name: 'Optimisation progress' })).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Cancel' })).toBeVisible();
	await expect(panel.getByText(/^Optimised on \d+ reviews in [\d.]+ s\.$/)).toBeVisible({
		timeout: 60_000
	});

	await press(panel.getByRole('button', { name: 'Evaluate' }), isMobile);
	const table = panel.getByRole('table');
	await expect(table.getByRole('row', { name: /^Current parameters/ })).toBeVisible();
	await expect(table.getByRole('row', { name: /^Optimised parameters/ })).toBeVisible();

	await press(panel.getByRole('button', { name: 'Apply' }), isMobile);
	await expect(panel.getByText(/^Applied/)).toBeVisible();
	const presets = await readStore<{ id: string; weights?: number[] }>(page, 'presets');
	const weights = presets.find((p) => p.id === 'default')?.weights;
	expect(weights).toHaveLength(21);
	expect(weights).not.toEqual([...default_w]);

	await press(panel.getByRole('button', { name: 'Preview rescheduling' }), isMobile);
	await expect(panel.getByText(/^Due in the next 7 days:/)).toBeVisible();

	// The learner forgets faster than the defaults assume: Easy now offers fewer days, within the
	// range the stored parameters give and outside the defaults' range (so not fuzz alone).
	const personal = easyRange(weights ?? []);
	expect(personal.max_ivl).toBeLessThan(defaults.min_ivl);
	const after = await easyDays(page, isMobile);
	expect(after).toBeGreaterThanOrEqual(personal.min_ivl);
	expect(after).toBeLessThanOrEqual(personal.max_ivl);
});

test('with too few reviews it explains, in words, why it will not optimise yet', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	// 150 answers in a deck that does not use this preset (a deck since deleted, say).
	const elsewhere = history()
		.slice(0, 150)
		.map((review) => ({ ...review, deckId: 'another-deck' }));
	await seedReviews(page, elsewhere);
	await page.goto('/optimise/default');
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	await press(panel.getByRole('button', { name: 'Optimise' }), isMobile);
	const explanation = panel.getByRole('status').filter({ hasText: /need at least 400 reviews/ });
	await expect(explanation).toContainText('this preset has 0 so far');
	await expect(panel.getByRole('alert')).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Apply' })).toHaveCount(0);

	// Learning from every deck counts them, but there are still too few.
	await press(panel.getByRole('checkbox', { name: /reviews of all decks/ }), isMobile);
	await press(panel.getByRole('button', { name: 'Optimise' }), isMobile);
	await expect(explanation).toContainText(/your decks have [1-9]\d* so far/);
	await expect(panel.getByRole('button', { name: 'Apply' })).toHaveCount(0);
});

test('cancelling stops the optimiser and changes nothing', async ({ page, isMobile }) => {
	test.setTimeout(90_000);
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	await seedReviews(page, history(1000));
	await page.goto('/optimise/default');
	const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
	await press(panel.getByRole('button', { name: 'Optimise' }), isMobile);
	// Cancel while fsrs-rs is training in the worker, not merely while the history is read.
	await expect(panel.getByText(/^Optimising on \d+ reviews/)).toBeVisible({ timeout: 30_000 });
	await press(panel.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(panel.getByText('Optimisation cancelled; nothing was changed.')).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Optimise' })).toBeEnabled();
	const presets = await readStore<{ id: string; weights?: number[] }>(page, 'presets');
	expect(presets.find((p) => p.id === 'default')?.weights).toBeUndefined();
});

test.describe('when the page is cross-origin isolated', () => {
	// A proxy in front of the app server adds COOP/COEP to every response, nested workers included
	// (Playwright's routes do not reach a worker started by a worker). The service worker is
	// blocked so that every response comes through the proxy.
	test.use({ serviceWorkers: 'block' });
	let proxy: Server;
	let origin = '';

	test.beforeAll(async ({ baseURL }) => {
		proxy = createServer((req, res) => {
			const upstream = request(
				new URL(req.url ?? '/', baseURL),
				{ method: req.method, headers: req.headers },
				(up) => {
					res.writeHead(up.statusCode ?? 502, {
						...up.headers,
						'cross-origin-opener-policy': 'same-origin',
						'cross-origin-embedder-policy': 'require-corp'
					});
					up.pipe(res);
				}
			);
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		origin = `http://localhost:${(proxy.address() as AddressInfo).port}`;
	});

	test.afterAll(() => {
		proxy.close();
	});

	test('it trains on a thread pool and shows how far it has got', async ({ page, isMobile }) => {
		test.setTimeout(90_000);
		await page.goto(`${origin}/`);
		await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		await seedReviews(page, history(1000));
		await page.goto(`${origin}/optimise/default`);
		const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
		await press(panel.getByRole('button', { name: 'Optimise' }), isMobile);
		const bar = panel.getByRole('progressbar', { name: 'Optimisation progress' });
		await expect
			.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 60_000 })
			.toBeGreaterThan(0);
		await expect(panel.getByText(/^Optimised on \d+ reviews/)).toBeVisible({ timeout: 60_000 });
		const threads = await page.evaluate(() => navigator.hardwareConcurrency);
		await expect(
			panel.getByText(new RegExp(`^Trained in [\\d.]+ s on ${threads}\\s+threads?\\.$`))
		).toBeAttached();
	});
});
