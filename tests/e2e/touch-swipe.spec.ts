// Real touch, not synthetic pointer events: on the Pixel 7 project the test sends touch input
// through the Chrome DevTools Protocol (Input.dispatchTouchEvent), so Chromium itself turns the
// finger into pointer events, applies `touch-action: pan-y` and decides what is a scroll. A swipe
// left grades Again and a swipe right grades Good, as IndexedDB shows; a vertical drag grades nothing.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, readStore, type StoredReview } from './fixtures';

interface StoredCard {
	id: string;
	reps: number;
	state: number;
	last_review?: Date;
}

/** One finger from the card's centre by (dx, dy), in small steps as a real finger moves. */
async function touchDrag(page: Page, cdp: CDPSession, dx: number, dy: number): Promise<void> {
	const box = (await page.locator('article.card').boundingBox())!;
	const x = Math.round(box.x + box.width / 2);
	const y = Math.round(box.y + box.height / 2);
	const point = (step: number) => ({ x: x + (dx * step) / 10, y: y + (dy * step) / 10, id: 1 });
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point(0)] });
	for (let step = 1; step <= 10; step += 1) {
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point(step)] });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function reviews(page: Page): Promise<StoredReview[]> {
	return readStore<StoredReview>(page, 'reviews');
}

async function storedCard(page: Page, id: string): Promise<StoredCard | undefined> {
	return (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === id);
}

test('a real finger: swipe left is Again, swipe right is Good, a vertical drag grades nothing', async ({
	page,
	hasTouch
}) => {
	test.skip(!hasTouch, 'touch input needs a touch screen (the Pixel 7 project)');
	const cdp = await page.context().newCDPSession(page);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await page.getByRole('button', { name: 'Show answer' }).tap();
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();

	// Scroll-like drags, down and up, slightly diagonal: the answer stays, nothing is stored.
	await touchDrag(page, cdp, 15, 220);
	await touchDrag(page, cdp, -20, -200);
	await page.waitForTimeout(400);
	expect(await reviews(page)).toHaveLength(0);
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();

	await touchDrag(page, cdp, -180, 8);
	await expect.poll(async () => (await reviews(page)).length).toBe(1);
	const again = (await reviews(page))[0]!;
	expect(again.rating).toBe(1);
	const first = await storedCard(page, again.cardId);
	expect(first?.reps).toBe(1);
	expect(first?.last_review).toBeDefined();

	// The next tap comes straight after the swipe. Before swipe.ts cancelled the swipe's touch
	// moves, the swipe's small vertical part started a fling, and Chromium swallowed a tap that
	// landed during it (about one run in five here): no click, the Answer never showed.
	await page.getByRole('button', { name: 'Show answer' }).tap();
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();
	await touchDrag(page, cdp, 180, -8);
	await expect.poll(async () => (await reviews(page)).length).toBe(2);
	const good = (await reviews(page)).find((r) => r.id !== again.id)!;
	expect(good.rating).toBe(3);
	expect((await storedCard(page, good.cardId))?.reps).toBe(1);
	expect(good.cardId).not.toBe(again.cardId);
});
