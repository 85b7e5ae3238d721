// Proves the study screen's card menu does what it says, on review cards as a daily user meets
// them: "Show source" shows the passage sentence, a flag is set and cleared, "Bury until
// tomorrow" (menu, or the - key) buries the card and Undo brings it back, and "Reset to new…"
// asks with Anki's two choices (ticked as Anki does: restore the position, keep the counts) and
// makes the card new again with the counts zeroed when asked, the choice remembered for next
// time; each checked against IndexedDB. axe on the reset dialog. Thumb on Pixel 7, mouse and
// keys on desktop.
import { expect, test, type Page } from '@playwright/test';
import { checkScreenState } from './a11y-checks';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { everyCardDueForReview, menuItem, question } from './study-helpers';

interface Card {
	id: string;
	state: number;
	queue: string;
	flag?: number;
	reps: number;
	lapses: number;
	position: number;
	stability: number;
}

const cards = (page: Page) => readStore<Card>(page, 'cards');

test('show source, flag, bury with undo, and reset to new from the card menu', async ({
	page,
	isMobile
}) => {
	test.slow(); // axe runs on the reset dialog in both themes
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
	await expect(page.getByText('Flagged red.')).toBeVisible();
	await expect(page.getByText('Flagged: Red')).toBeVisible();
	expect((await cards(page)).filter((c) => c.flag === 1)).toHaveLength(1);
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await expect(page.getByRole('button', { name: 'Red', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await press(page.getByRole('button', { name: 'Red', exact: true }), isMobile);
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

	// Reset: Anki's two choices, ticked as Anki ticks them at first; the counts zeroed this time.
	const shown = await question(page).textContent();
	const before = await cards(page);
	await menuItem(page, 'Reset to new…', isMobile);
	const dialog = page.getByRole('dialog', { name: 'Reset card?' });
	const restore = dialog.getByRole('checkbox', {
		name: 'Restore original position where possible'
	});
	const counts = dialog.getByRole('checkbox', { name: 'Reset repetition and lapse counts' });
	await expect(restore).toBeChecked();
	await expect(counts).not.toBeChecked();
	await checkScreenState(page, 'study-reset-dialog', isMobile);
	await press(counts, isMobile);
	await press(dialog.getByRole('button', { name: 'Reset' }), isMobile);
	await expect(page.getByText('Card reset to new.')).toBeVisible();
	await expect(question(page)).not.toHaveText(shown ?? '');
	const fresh = (await cards(page)).filter((c) => c.state === 0);
	expect(fresh).toHaveLength(1);
	const was = before.find((c) => c.id === fresh[0]!.id)!;
	expect(was.reps).toBe(4);
	expect(fresh[0]).toMatchObject({ queue: 'new', stability: 0, reps: 0, lapses: 0 });
	expect(fresh[0]!.position).toBe(was.position);

	// The choice is remembered: the next reset offers it ticked.
	await menuItem(page, 'Reset to new…', isMobile);
	await expect(counts).toBeChecked();
	await expect(restore).toBeChecked();
	await press(dialog.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(dialog).toBeHidden();
	expect((await cards(page)).filter((c) => c.state === 0)).toHaveLength(1);
});
