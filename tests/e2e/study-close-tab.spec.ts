// An answer is shown as answered before its write lands (the next card first, the write once that
// card is painted): closing the tab the moment a card is graded must still store the answer.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore, type StoredReview } from './fixtures';

const question = (page: Page) => page.getByRole('region', { name: 'Question' });

async function grade(page: Page, touch: boolean): Promise<string> {
	const shown = (await question(page).textContent()) ?? '';
	if (touch) {
		await press(page.getByRole('button', { name: 'Show answer' }), true);
		await press(page.getByRole('button', { name: /^Good/ }), true);
	} else {
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
		await page.keyboard.press('3');
	}
	return shown;
}

test('closing the tab right after grading keeps every answer', async ({ context, page }, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	let tab = page;
	await tab.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(tab)).toBeVisible();
	const answered: string[] = [];
	for (let i = 1; i <= 4; i += 1) {
		answered.push(await grade(tab, touch));
		// At once: no wait for the next card, its paint or the write.
		await tab.close();
		tab = await context.newPage();
		await tab.goto(`/study/${BUNDLED_DECK_ID}`);
		await expect(question(tab)).toBeVisible();
		const reviews = await readStore<StoredReview>(tab, 'reviews');
		expect(reviews).toHaveLength(i);
		// The card answered is not shown again as if it had not been.
		expect(await question(tab).textContent()).not.toBe(answered.at(-1));
	}
	expect(new Set(answered).size).toBe(4);
});
