// Proves the statistics draw the collection's real history: after answering cards (and with a
// few older reviews written to IndexedDB), each chart has exactly the number of marks the data
// calls for, and the forecast switches between 30 days and a year.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, readStore } from './fixtures';

const chart = (page: Page, title: string) => page.locator(`figure[data-chart="${title}"]`);
const marks = (page: Page, title: string) => chart(page, title).locator('.mark');

/** Writes answer events `daysAgo` days back (at noon) for the given card, in review state. */
async function writeHistory(
	page: Page,
	entries: { daysAgo: number; scheduled: number; rating: number }[]
) {
	await page.evaluate(async (list) => {
		const open = indexedDB.open('engram');
		const db = await new Promise<IDBDatabase>(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const tx = db.transaction('reviews', 'readwrite');
		list.forEach((entry, i) => {
			const review = new Date();
			review.setDate(review.getDate() - entry.daysAgo);
			review.setHours(12, 0, 0, 0);
			tx.objectStore('reviews').put({
				id: `history-${i}`,
				cardId: 'history-card',
				deckId: 'engram-october-1917',
				rating: entry.rating,
				state: 2,
				due: review,
				stability: 10,
				difficulty: 5,
				elapsed_days: entry.scheduled,
				last_elapsed_days: entry.scheduled,
				scheduled_days: entry.scheduled,
				learning_steps: 0,
				cardDue: review,
				review,
				duration: 8000
			});
		});
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
	}, entries);
}

test('charts show the right number of marks for the data', async ({ page }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	for (let i = 1; i <= 3; i++) {
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
		await page.keyboard.press('3');
		await expect(page.getByText(`${i} answered`)).toBeVisible();
	}
	await writeHistory(page, [
		{ daysAgo: 10, scheduled: 5, rating: 3 },
		{ daysAgo: 10, scheduled: 5, rating: 1 },
		{ daysAgo: 45, scheduled: 30, rating: 3 },
		{ daysAgo: 75, scheduled: 4, rating: 4 }
	]);

	await page.goto('/stats');
	await expect(page.getByRole('heading', { name: 'Reviews per day' })).toBeVisible();

	// Heatmap: one cell per day of 53 weeks; four days with reviews (today + 3 past days).
	const cells = marks(page, 'Reviews per day');
	const weekday = await page.evaluate(() => {
		const d = new Date();
		if (d.getHours() < 4) {
			d.setDate(d.getDate() - 1);
		}
		return d.getDay();
	});
	await expect(cells).toHaveCount(52 * 7 + weekday + 1);
	await expect(chart(page, 'Reviews per day').locator('.mark:not([data-count="0"])')).toHaveCount(
		4
	);
	await expect(chart(page, 'Reviews per day').locator('.mark').last()).toHaveAttribute(
		'data-count',
		'3'
	);
	await expect(page.getByTestId('streak-current')).toHaveText('1');

	// Forecast: the three learning cards are due today: one bar in 30 days and in a year.
	await expect(marks(page, 'Due forecast')).toHaveCount(1);
	await expect(marks(page, 'Due forecast').first()).toHaveAttribute('data-value', '3');
	await expect(marks(page, 'Due forecast').first()).toHaveAttribute('data-series', 'learning');
	await page.getByRole('button', { name: '1 year' }).click();
	await expect(page.getByRole('button', { name: '1 year' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(marks(page, 'Due forecast')).toHaveCount(1);

	// True retention: young reviews in two 30-day periods, mature in one.
	await expect(
		marks(page, 'True retention').and(page.locator('[data-series="young"]'))
	).toHaveCount(2);
	await expect(
		marks(page, 'True retention').and(page.locator('[data-series="mature"]'))
	).toHaveCount(1);

	// Card counts: one slice per state present (new, learning, and buried siblings if any).
	const queues = new Set(
		(await readStore<{ queue: string }>(page, 'cards')).map((card) => card.queue)
	);
	expect(queues.has('review')).toBe(false);
	await expect(marks(page, 'Card counts')).toHaveCount(queues.size);
	await expect(chart(page, 'Card counts').locator('[data-state="learning"]')).toHaveCount(1);

	// No review cards yet: no interval bars. Three studied cards: one stability bucket.
	await expect(marks(page, 'Review intervals')).toHaveCount(0);
	await expect(marks(page, 'Stability')).toHaveCount(1);
	await expect(marks(page, 'Stability').first()).toHaveAttribute('data-value', '3');

	// Time spent: today plus the history day 10 days ago (45 and 75 are outside 30 days).
	await expect(marks(page, 'Time spent')).toHaveCount(2);
});
