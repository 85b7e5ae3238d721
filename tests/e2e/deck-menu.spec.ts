// Proves Today has a menu per deck, as AnkiDroid's long-press menu: reached by Tab and Enter on
// desktop and by a tap (or a long press) on a phone. From it a person browses the deck's cards,
// renames the deck (IndexedDB holds the new name) and deletes it with a confirmation, then undoes
// the deletion from Today.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';

interface StoredDeck {
	id: string;
	name: string;
}

const DECK = 'History::October 1917';

/** Opens the deck's menu as a person would: Tab to it and Enter, or a tap on a phone. */
async function openMenu(page: Page, name: string, touch: boolean) {
	const button = page.getByRole('button', { name: `Actions for ${name}`, exact: true });
	await expect(button).toBeVisible();
	if (touch) {
		await button.tap();
	} else {
		await page.getByRole('heading', { name: 'Today' }).click();
		for (
			let i = 0;
			i < 30 && !(await button.evaluate((el) => el === document.activeElement));
			i++
		) {
			await page.keyboard.press('Tab');
		}
		await expect(button).toBeFocused();
		await page.keyboard.press('Enter');
	}
	const menu = page.getByRole('dialog', { name });
	await expect(menu).toBeVisible();
	return menu;
}

test('the deck menu browses the deck and renames it', async ({ page, isMobile }) => {
	await page.goto('/');
	let menu = await openMenu(page, DECK, isMobile);
	await press(menu.getByRole('link', { name: 'Browse cards' }), isMobile);
	await expect(page).toHaveURL(/\/browse\?deck=/);
	await expect(page.getByRole('combobox', { name: 'Deck', exact: true })).toHaveValue(DECK);
	const cards = await readStore(page, 'cards');
	await expect(page.getByTestId('result-count')).toHaveText(`${cards.length} cards`);

	await page.goto('/');
	menu = await openMenu(page, DECK, isMobile);
	const name = menu.getByRole('textbox', { name: 'Deck name' });
	await name.fill('History::Petrograd');
	await press(menu.getByRole('button', { name: 'Rename' }), isMobile);
	// The open menu follows the stored name.
	await expect(page.getByRole('dialog', { name: 'History::Petrograd' })).toBeVisible();
	expect(await readStore<StoredDeck>(page, 'decks')).toEqual([
		expect.objectContaining({ id: BUNDLED_DECK_ID, name: 'History::Petrograd' })
	]);
	await press(page.getByRole('button', { name: 'Close' }), isMobile);
	await expect(page.getByRole('link', { name: 'Study History::Petrograd' })).toBeVisible();
});

test('delete a deck from its menu, with a confirmation, and undo it on Today', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	const menu = await openMenu(page, DECK, isMobile);
	const cards = await readStore<{ id: string }>(page, 'cards');
	expect(cards.length).toBeGreaterThan(0);
	await press(menu.getByRole('button', { name: 'Delete deck' }), isMobile);
	const confirm = page.getByRole('dialog', { name: 'Delete deck?' });
	await expect(confirm).toContainText(`Delete “${DECK}”?`);
	await press(confirm.getByRole('button', { name: 'Delete' }), isMobile);

	await expect(menu).toBeHidden();
	const notice = page.getByRole('status').filter({ hasText: `Deleted “${DECK}”` });
	await expect(notice).toBeVisible();
	expect(await readStore(page, 'decks')).toEqual([]);
	expect(await readStore(page, 'cards')).toEqual([]);

	await press(notice.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(page.getByRole('link', { name: `Study ${DECK}` })).toBeVisible();
	const back = await readStore<{ id: string }>(page, 'cards');
	expect(back.map((c) => c.id).sort()).toEqual(cards.map((c) => c.id).sort());
});

test('a long press on a deck opens its menu, as in AnkiDroid', async ({ page, isMobile }) => {
	test.skip(!isMobile, 'a long press is a touch gesture');
	await page.goto('/');
	// Chrome on Android fires `contextmenu` when a finger rests on an element.
	await page.getByRole('heading', { name: 'October 1917' }).dispatchEvent('contextmenu');
	await expect(page.getByRole('dialog', { name: DECK })).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByRole('dialog', { name: DECK })).toBeHidden();
});
