// Proves the study screen's card menu does what it says, on review cards as a daily user meets
// them: "Show source" shows the passage sentence, a flag is set and cleared, "Bury until
// tomorrow" (menu, or the - key) buries the card and Undo brings it back, and "Reset to new"
// makes the card new again; each checked against IndexedDB. Thumb on Pixel 7, mouse and keys on
// desktop.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { everyCardDueForReview, menuItem, question } from './study-helpers';

interface Card {
	id: string;
	state: number;
	queue: string;
	flag?: number;
	reps: number;
	stability: number;
}

const cards = (page: Page) => readStore<Card>(page, 'cards');

test('show source, flag, bury with undo, and reset to new from the card menu', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study History::/ })).toBeVisible();
	await everyCardDueForReview(page);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();

	// The passage sentence the card was built from.
	await menuItem(page, 'Show source', isMobile);
	const source = page.getByRole('complementary', { name: 'Source' });
	await expect(source).toContainText('From the deck History::October 1917');
	expect((await source.locator('blockquote').textContent())?.trim().length).toBeGreaterThan(20);
	await press(source.getByRole('button', { name: 'Hide source' }), isMobile);
	await expect(source).toBeHidden();

	// A red flag, shown on the card and stored; choosing it again takes it off.
	await menuItem(page, 'Red', isMobile);
	await expect(page.getByText('Card flagged.')).toBeVisible();
	await expect(page.getByText(/· Flagged/)).toBeVisible();
	expect((await cards(page)).filter((c) => c.flag === 1)).toHaveLength(1);
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await expect(page.getByRole('button', { name: 'Red' })).toHaveAttribute('aria-pressed', 'true');
	await press(page.getByRole('button', { name: 'Red' }), isMobile);
	await expect(page.getByText('Flag removed.')).toBeVisible();
	expect((await cards(page)).filter((c) => c.flag === 1)).toHaveLength(0);

	// Bury: from the menu on a phone, with the - key on desktop; then Undo.
	const buried = await question(page).textContent();
	if (isMobile) {
		await menuItem(page, /Bury until tomorrow/, true);
	} else {
		await page.keyboard.press('-');
	}
	await expect(page.getByText('Card buried until tomorrow.')).toBeVisible();
	await expect(question(page)).not.toHaveText(buried ?? '');
	expect((await cards(page)).filter((c) => c.queue === 'buried')).toHaveLength(1);
	await press(page.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(question(page)).toHaveText(buried ?? '');
	expect((await cards(page)).filter((c) => c.queue === 'buried')).toHaveLength(0);

	// Reset: the review card is new again; like Anki's Forget, it keeps its review counts.
	await menuItem(page, 'Reset to new', isMobile);
	await expect(page.getByText('Card reset to new.')).toBeVisible();
	const fresh = (await cards(page)).filter((c) => c.state === 0);
	expect(fresh).toHaveLength(1);
	expect(fresh[0]).toMatchObject({ queue: 'new', stability: 0, reps: 4 });
});
