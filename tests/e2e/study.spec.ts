// Proves the walking skeleton end to end: a person opens the app, studies cards from the bundled
// deck with mouse (desktop) or thumb (Pixel 7) or keyboard, and every answer is really stored in
// IndexedDB with the card's new FSRS state, surviving a reload.
import { expect, test } from '@playwright/test';
import {
	answerGood,
	BUNDLED_DECK_ID,
	readStore,
	type StoredCard,
	type StoredReview
} from './fixtures';

test('study three cards, reload, and find three stored reviews', async ({ page, isMobile }) => {
	// Midday, so the cards' 10-minute learning step never crosses the 4 am day start.
	const noon = new Date();
	noon.setHours(12, 0, 0, 0);
	await page.clock.setSystemTime(noon);
	await page.goto('/');
	await page
		.getByRole('link', { name: /^Study/ })
		.first()
		.click();
	await expect(page).toHaveURL(new RegExp(`/study/${BUNDLED_DECK_ID}$`));

	for (let i = 0; i < 3; i += 1) {
		await answerGood(page, isMobile);
		await expect(page.getByText(`${i + 1} answered`)).toBeVisible();
	}

	await page.goto('/');
	await expect(page.getByText('3 reviewed today')).toBeVisible();
	await page.reload();
	await expect(page.getByText('3 reviewed today')).toBeVisible();
	await expect(page.getByText('3 learning')).toBeVisible();

	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews).toHaveLength(3);
	expect(reviews.every((r) => r.rating === 3 && r.state === 0)).toBe(true);
	const cards = await readStore<StoredCard>(page, 'cards');
	const answered = cards.filter((card) => reviews.some((r) => r.cardId === card.id));
	expect(answered).toHaveLength(3);
	for (const card of answered) {
		expect(card.reps).toBe(1);
		expect(card.state).toBe(1);
		expect(card.stability).toBeGreaterThan(0);
	}
});

test('the keyboard alone: Space shows the answer, 1-4 grade, U undoes', async ({ page }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const question = page.getByRole('region', { name: 'Question' });
	await expect(question).toBeVisible();
	const first = await question.textContent();

	await page.keyboard.press('Space');
	await expect(page.getByRole('button', { name: /^Again/ })).toBeVisible();
	await page.keyboard.press('3');
	await expect(page.getByText('1 answered')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	expect(await question.textContent()).not.toBe(first);
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);

	await page.keyboard.press('u');
	await expect(page.getByText('0 answered')).toBeVisible();
	await expect(question).toHaveText(first ?? '');
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(0);
});

test('grade buttons show the next interval in their names', async ({ page, isMobile }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const show = page.getByRole('button', { name: 'Show answer' });
	await (isMobile ? show.tap() : show.click());
	await expect(page.getByRole('button', { name: 'Again 1m' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Good 10m' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Hard \d/ })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Easy \d+d$/ })).toBeVisible();
});
