// An answer is shown as answered before its write lands (the next card first, the write once that
// card is painted): closing the tab the moment a card is graded must still store the answer.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, holdSettings, press, readStore, type StoredReview } from './fixtures';
import { Profile } from './pwa-profile';

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

/** How many cards the page has rendered (the one shown first, then each lookahead's). */
const rendered = (page: Page) =>
	page.evaluate(() => performance.getEntriesByName('engram:card-view').length);

// A grade the session cannot queue yet: it waits for the lookahead (the card after it, planned
// and rendered), whose read of that card's note a long write holds back. The grade is kept from
// the key press (state/grade-on-leave.ts), so the tab closing writes it. On an on-disk profile:
// in Playwright's own (incognito) contexts Chromium runs one readwrite transaction at a time
// per database, so the long write would hold back every answer's write too.
test('closing the tab while the grade waits for the next card to be read keeps it', async ({
	playwright
}, info) => {
	test.setTimeout(90_000);
	const touch = info.project.name === 'Pixel 7';
	const profile = new Profile(playwright, info);
	const { context, page } = await profile.launch();
	try {
		await page.goto(`/study/${BUNDLED_DECK_ID}`);
		await expect(question(page)).toBeVisible();
		await expect.poll(() => rendered(page)).toBe(2); // The second card is ready.
		await holdSettings(page, ['engram', 'notes']); // Closed with the page.
		await grade(page, touch);
		// The second card, from the lookahead; the third is still to be read, and waits.
		await expect(page.getByText('1 answered')).toBeVisible();
		const second = await grade(page, touch);
		await page.close();
		const tab = await context.newPage();
		await tab.goto(`/study/${BUNDLED_DECK_ID}`);
		await expect(question(tab)).toBeVisible();
		const reviews = await readStore<StoredReview>(tab, 'reviews');
		expect(reviews).toHaveLength(2);
		expect(await question(tab).textContent()).not.toBe(second);
	} finally {
		await context.close();
		profile.remove();
	}
});
