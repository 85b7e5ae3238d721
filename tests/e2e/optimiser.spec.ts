// Proves personal FSRS parameters end to end, from a deck's options, offline: with a seeded review
// history (a simulated learner who forgets faster than the defaults assume), a person opens the
// deck's options with no network, optimises (seeing it work), evaluates and applies the result,
// and the Easy button of a new card on the study screen then offers a different interval, because
// the scheduler uses the parameters. Rescheduling moves exactly the due dates its preview showed.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createEmptyCard, default_w, fsrs, get_fuzz_range, Rating, State } from 'ts-fsrs';
import { setIndexKeys } from '../../src/lib/domain/card-index-keys';
import type { CardRecord, ReviewRecord } from '../../src/lib/domain/model';
import { dueLoad } from '../../src/lib/domain/optimiser/reschedule';
import { simulateLearner } from '../../src/lib/domain/optimiser/simulator';
import { DEFAULT_SCHEDULER_OPTIONS } from '../../src/lib/domain/scheduler';
import { checkScreenState } from './a11y-checks';
import { BUNDLED_DECK_ID, press, readStore, waitForServiceWorker } from './fixtures';

const DAY_MS = 86_400_000;
const FAST_FORGETTING = default_w.map((w, i) => (i < 4 ? w * 0.3 : i === 8 ? w * 0.6 : w));

/** A hundred days of a simulated learner, ending yesterday, always starting at 9 am local time. */
function learner(cards = 400) {
	const start = new Date();
	start.setHours(9, 0, 0, 0);
	return simulateLearner({
		seed: 9,
		cards,
		start: new Date(start.getTime() - 100 * DAY_MS),
		days: 98,
		introduceOverDays: 60,
		trueWeights: FAST_FORGETTING,
		scheduling: DEFAULT_SCHEDULER_OPTIONS,
		deckId: BUNDLED_DECK_ID
	});
}

const history = (cards = 400): ReviewRecord[] => learner(cards).reviews;

/** Writes rows with the raw IndexedDB API, as an earlier life of the app would have. */
async function putRows(page: Page, store: string, rows: unknown[]): Promise<void> {
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
		{ name: store, rows }
	);
}

const seedReviews = (page: Page, reviews: ReviewRecord[]) => putRows(page, 'reviews', reviews);

/** From Today, the deck's options button, as a person gets there; returns the optimiser panel. */
async function openDeckOptions(page: Page, touch: boolean): Promise<Locator> {
	await page.goto('/');
	await press(page.getByRole('link', { name: /^Options for / }).first(), touch);
	await expect(page.getByRole('heading', { level: 1, name: /^Options for / })).toBeVisible();
	return page.getByRole('region', { name: 'Personal FSRS parameters' });
}

/** Presses Optimise and waits for the result, checking the progress shows meanwhile. */
async function optimise(panel: Locator, touch: boolean): Promise<void> {
	await press(panel.getByRole('button', { name: 'Optimise' }), touch);
	await expect(panel.getByRole('progressbar', { name: 'Optimisation progress' })).toBeVisible();
	await expect(panel.getByRole('button', { name: 'Cancel' })).toBeVisible();
	await expect(
		panel.getByRole('status').filter({ hasText: /(Reading|Grouping|Loading|Optimising) .*…/ })
	).toBeVisible();
	await expect(panel.getByText(/^Optimised on \d+ reviews in [\d.]+ s\.$/)).toBeVisible({
		timeout: 60_000
	});
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

async function storedWeights(page: Page): Promise<number[] | undefined> {
	const presets = await readStore<{ id: string; weights?: number[] }>(page, 'presets');
	return presets.find((p) => p.id === 'default')?.weights;
}

test('from the deck options, offline: optimise, evaluate, apply, and the study screen changes', async ({
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
	const panel = await openDeckOptions(page, isMobile);
	await optimise(panel, isMobile);

	await press(panel.getByRole('button', { name: 'Evaluate' }), isMobile);
	const table = panel.getByRole('table');
	await expect(table.getByRole('row', { name: /^Current parameters/ })).toBeVisible();
	await expect(table.getByRole('row', { name: /^Optimised parameters/ })).toBeVisible();
	await checkScreenState(page, 'optimise-evaluated', isMobile);

	await press(panel.getByRole('button', { name: 'Apply' }), isMobile);
	await expect(panel.getByText(/^Applied/)).toBeVisible();
	const weights = await storedWeights(page);
	expect(weights).toHaveLength(21);
	expect(weights).not.toEqual([...default_w]);
	// Saving the options form, opened before the parameters were applied, keeps them.
	await page.getByRole('spinbutton', { name: 'Maximum interval (days)' }).fill('3650');
	await press(page.getByRole('button', { name: 'Save options' }), isMobile);
	await expect(page.getByText('Saved.')).toBeVisible();
	await expect.poll(() => storedWeights(page)).toEqual(weights);

	// The learner forgets faster than the defaults assume: Easy now offers fewer days, within the
	// range the stored parameters give and outside the defaults' range (so not fuzz alone).
	const personal = easyRange(weights ?? []);
	expect(personal.max_ivl).toBeLessThan(defaults.min_ivl);
	const after = await easyDays(page, isMobile);
	expect(after).toBeGreaterThanOrEqual(personal.min_ivl);
	expect(after).toBeLessThanOrEqual(personal.max_ivl);
});

/**
 * Puts the simulated learner's cards into the bundled deck (beside its own new cards), each with
 * its final FSRS state, so rescheduling has review cards with real histories to move.
 */
async function seedLearner(page: Page): Promise<void> {
	const { reviews, cards } = learner();
	const [template] = await readStore<CardRecord>(page, 'cards');
	expect(template).toBeDefined();
	const records = cards.map(({ id, card }, i) => {
		const record: CardRecord = {
			...template!,
			...card,
			id,
			position: 100_000 + i,
			queue: card.state === State.New ? 'new' : card.state === State.Review ? 'review' : 'learning',
			mtime: Date.now()
		};
		// Raw IndexedDB skips the app's write rule: apply it, so the cards are stored as the app
		// would store them (a review card has no newPosition or shuffle; schema 12).
		setIndexKeys(record);
		return record;
	});
	await putRows(page, 'cards', records);
	await seedReviews(page, reviews);
}

/** The fields rescheduling may change; every other field of a card stays as it was. */
const RESCHEDULED = new Set(['due', 'stability', 'difficulty', 'scheduled_days', 'mtime']);

/** The preview's day-by-day table: [now, after] per day. */
async function previewTable(panel: Locator, touch: boolean): Promise<[number, number][]> {
	await press(panel.getByText('Day by day'), touch);
	const rows = panel.getByRole('table').filter({ hasText: 'After' }).getByRole('row');
	await expect(rows).toHaveCount(31);
	const cells = await rows.evaluateAll((trs) =>
		trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))
	);
	return cells.map(([now, after]) => [Number(now), Number(after)]);
}

test('rescheduling moves exactly the due dates its 30-day preview showed, and no review is lost', async ({
	page,
	isMobile
}) => {
	test.setTimeout(90_000);
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	await seedLearner(page);
	const cardsBefore = await readStore<CardRecord>(page, 'cards');
	const reviewsBefore = await readStore<ReviewRecord>(page, 'reviews');

	const panel = await openDeckOptions(page, isMobile);
	await optimise(panel, isMobile);
	await press(panel.getByRole('button', { name: 'Apply' }), isMobile);
	await expect(panel.getByText(/^Applied/)).toBeVisible();
	await press(panel.getByRole('button', { name: 'Preview rescheduling' }), isMobile);
	const caption = panel.getByText(/^Due in the next 7 days:/);
	await expect(caption).toBeVisible();
	const moved = Number(/\((\d+) cards move\)/.exec((await caption.textContent()) ?? '')?.[1]);
	expect(moved).toBeGreaterThan(0);
	const preview = await previewTable(panel, isMobile);
	await checkScreenState(page, 'optimise-reschedule-preview', isMobile);
	// Nothing is written by previewing.
	expect(await readStore<CardRecord>(page, 'cards')).toEqual(cardsBefore);

	await press(
		panel.getByRole('button', { name: 'Reschedule cards with the new parameters' }),
		isMobile
	);
	await expect(panel.getByText(`${moved} cards were rescheduled.`)).toBeVisible();

	const cardsAfter = await readStore<CardRecord>(page, 'cards');
	expect(cardsAfter.map((c) => c.id)).toEqual(cardsBefore.map((c) => c.id));
	const changed = cardsAfter.filter(
		(card, i) => card.due.getTime() !== cardsBefore[i]!.due.getTime()
	);
	expect(changed).toHaveLength(moved);
	for (const card of changed) {
		const old = cardsBefore.find((c) => c.id === card.id)!;
		expect(card.state).toBe(State.Review);
		// Only the schedule and memory state change: the card's own history stays.
		const keep = (c: CardRecord) =>
			Object.fromEntries(Object.entries(c).filter(([key]) => !RESCHEDULED.has(key)));
		expect(keep(card)).toEqual(keep(old));
	}
	// The due load the cards now have moved by exactly what the preview said, day by day.
	const now = new Date();
	const load = (cards: CardRecord[]) =>
		dueLoad(
			cards.filter((c) => c.state === State.Review).map((c) => c.due),
			now
		);
	const shift = load(cardsAfter).map((n, day) => n - load(cardsBefore)[day]!);
	expect(shift).toEqual(preview.map(([current, after]) => after - current));
	expect(shift.some((n) => n !== 0)).toBe(true);
	expect(await readStore<ReviewRecord>(page, 'reviews')).toEqual(reviewsBefore);
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
	const panel = await openDeckOptions(page, isMobile);
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
	const panel = await openDeckOptions(page, isMobile);
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
		await page.goto(`${origin}/decks/${BUNDLED_DECK_ID}/options`);
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
