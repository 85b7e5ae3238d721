// The daily study screen, "All done for now" while a learning card waits on its step later
// today, shows that card by itself when the step comes within the 20-minute learn-ahead: no
// reload, no touch. Driven by the browser's clock, by keyboard on desktop and by thumb on Pixel 7.
import { expect, test } from '@playwright/test';
import { BUNDLED_DECK_ID, press, putRecords, readStore, type StoredReview } from './fixtures';

test('a learning card due later today comes back on the finished study screen', async ({
	page,
	isMobile
}) => {
	// Midday, so the hour-long step never crosses the 4 am day start.
	const noon = new Date();
	noon.setHours(12, 0, 0, 0);
	await page.clock.install({ time: noon });
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	// One new card a day, one learning step of an hour: longer than the queue's learn-ahead.
	const [preset] = await readStore<Record<string, unknown>>(page, 'presets');
	await putRecords(page, 'presets', [{ ...preset, newPerDay: 1, learningSteps: ['1h'] }]);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);

	const showAnswer = page.getByRole('button', { name: 'Show answer' });
	const again = page.getByRole('button', { name: /^Again/ });
	if (isMobile) {
		await showAnswer.tap();
		await again.tap();
	} else {
		await expect(showAnswer).toBeVisible();
		await page.keyboard.press('Space');
		await expect(again).toBeEnabled();
		await page.keyboard.press('1');
	}
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	await expect(page.getByText(/Next card due in/)).toBeVisible();
	const [first] = await readStore<StoredReview>(page, 'reviews');
	expect(first).toMatchObject({ rating: 1 });

	// Thirty minutes on, still waiting; forty minutes on, the step is within the learn-ahead.
	await page.clock.fastForward('30:00');
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	await page.clock.fastForward('10:00');
	await expect(showAnswer).toBeVisible();
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeHidden();
	await press(showAnswer, isMobile);
	await press(page.getByRole('button', { name: /^Good/ }), isMobile);
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews.map((review) => [review.cardId, review.rating]).sort()).toEqual([
		[first!.cardId, 1],
		[first!.cardId, 3]
	]);
});
