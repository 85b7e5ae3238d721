// Two tabs of the app open at once, as two pages in one browser context sharing one IndexedDB:
// an answer given in one tab shows up in the other without a reload (liveQuery across tabs), and
// answering the same card in both stores exactly one review, with the second tab saying so and
// moving on to the next card.
import { expect, test, type Page } from '@playwright/test';
import { answerGood, BUNDLED_DECK_ID, press, readStore, type StoredReview } from './fixtures';

async function openStudy(page: Page): Promise<string> {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const question = page.getByRole('region', { name: 'Question' });
	await expect(question).toBeVisible();
	return (await question.textContent()) ?? '';
}

test('an answer in one tab updates the deck list in the other', async ({ context, isMobile }) => {
	const today = await context.newPage();
	await today.goto('/');
	await expect(today.getByText('0 reviewed today')).toBeVisible();

	const study = await context.newPage();
	await openStudy(study);
	await answerGood(study, isMobile);
	await expect(study.getByText('1 answered')).toBeVisible();

	// No reload: the other tab's live query sees the new review.
	await expect(today.getByText('1 reviewed today')).toBeVisible();
	await answerGood(study, isMobile);
	await expect(today.getByText('2 reviewed today')).toBeVisible();
});

test('the same card answered in two tabs is stored once', async ({ context, isMobile }) => {
	const first = await context.newPage();
	const second = await context.newPage();
	const shownFirst = await openStudy(first);
	const shownSecond = await openStudy(second);
	expect(shownSecond).toBe(shownFirst);

	await answerGood(first, isMobile);
	await expect(first.getByText('1 answered')).toBeVisible();

	// The second tab still shows the card; answering it there must not write a second review.
	await press(second.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(second.getByRole('button', { name: /^Good/ }), isMobile);
	await expect(second.getByText(/already answered in another tab/)).toBeVisible();
	await expect(second.getByRole('region', { name: 'Question' })).not.toHaveText(shownFirst);

	let reviews = await readStore<StoredReview>(second, 'reviews');
	expect(reviews).toHaveLength(1);

	// The second tab carries on normally with the next card.
	await answerGood(second, isMobile);
	await expect(second.getByText('1 answered')).toBeVisible();
	reviews = await readStore<StoredReview>(first, 'reviews');
	expect(reviews).toHaveLength(2);
	expect(new Set(reviews.map((review) => review.cardId)).size).toBe(2);
});
