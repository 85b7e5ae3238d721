// A person deletes a deck from its options: the confirmation says what goes with it (its subdeck,
// notes and cards), the deck is gone from Today and Browse and from IndexedDB, the undo on Today
// survives a reload, and it brings every card back. Renaming with `::` moves a deck and its
// subdecks, and a bad name gets one sentence and changes nothing.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';

interface StoredDeck {
	id: string;
	name: string;
}
interface StoredCard {
	id: string;
	deckId: string;
}

async function browseCount(page: Page): Promise<string> {
	await page.goto('/browse');
	const count = page.getByTestId('result-count');
	await expect(count).toHaveText(/\d+ cards?/);
	return (await count.textContent()) ?? '';
}

test('delete a deck with its subdeck, see it gone from Today and Browse, and undo it', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	// Make the prefix-only parent a real deck (as studying it does), so it has options.
	await press(page.getByRole('button', { name: 'Study History', exact: true }), isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
	const cards = await readStore<StoredCard>(page, 'cards');
	const notes = await readStore<{ id: string }>(page, 'notes');
	const before = await browseCount(page);
	expect(before).toBe(`${cards.length} cards`);

	await page.goto('/');
	await press(page.getByRole('link', { name: 'Options for History', exact: true }), isMobile);
	await press(page.getByRole('button', { name: 'Delete deck' }), isMobile);
	const dialog = page.getByRole('dialog', { name: 'Delete deck?' });
	await expect(dialog).toContainText(
		`Delete “History” and its 1 subdeck? They hold ${notes.length} notes and ${cards.length} cards`
	);
	await expect(dialog).toContainText('review history is kept');
	await press(dialog.getByRole('button', { name: 'Delete' }), isMobile);

	await expect(page).toHaveURL(/\/$/);
	const notice = page.getByRole('status').filter({ hasText: 'Deleted “History”' });
	await expect(notice).toHaveText(
		new RegExp(`and its 1 subdeck: ${notes.length} notes, ${cards.length} cards\\.`)
	);
	await expect(page.getByRole('heading', { name: 'No decks yet' })).toBeVisible();
	expect(await readStore<StoredDeck>(page, 'decks')).toEqual([]);
	expect(await readStore(page, 'cards')).toEqual([]);
	expect(await browseCount(page)).toBe('0 cards');

	// The undo outlives a reload.
	await page.goto('/');
	await page.reload();
	await press(notice.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(notice).toBeHidden();
	await expect(page.getByRole('link', { name: 'Study History::October 1917' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Study History', exact: true })).toBeVisible();
	const back = await readStore<StoredCard>(page, 'cards');
	expect(back.map((c) => c.id).sort()).toEqual(cards.map((c) => c.id).sort());
	expect(back.every((c) => c.deckId === BUNDLED_DECK_ID)).toBe(true);
	expect(await readStore(page, 'tombstones')).toEqual([]);
	expect(await browseCount(page)).toBe(before);
});

test('rename a deck with :: to move it; a bad name is refused in one sentence', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	await press(
		page.getByRole('link', { name: 'Options for History::October 1917', exact: true }),
		isMobile
	);
	const name = page.getByRole('textbox', { name: 'Deck name' });
	await name.fill('Russia::');
	await press(page.getByRole('button', { name: 'Rename' }), isMobile);
	await expect(page.getByRole('alert')).toHaveText(
		'A deck name cannot have an empty part before or after “::”.'
	);
	expect((await readStore<StoredDeck>(page, 'decks')).map((d) => d.name)).toEqual([
		'History::October 1917'
	]);

	await name.fill('Russia :: 1917');
	await name.press('Enter');
	await expect(page.getByRole('heading', { name: 'Options for Russia::1917' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Study Russia::1917' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Study History', exact: true })).toBeHidden();
	expect(await readStore<StoredDeck>(page, 'decks')).toEqual([
		expect.objectContaining({ id: BUNDLED_DECK_ID, name: 'Russia::1917' })
	]);
});
