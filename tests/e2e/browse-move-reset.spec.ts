// Proves the browser's other bulk edits as a person makes them: two cards moved to another deck
// (found there by the deck filter, put back by Undo), and cards studied today reset to new after
// a confirmation whose choice "restore original position" unticked puts them after the last new
// card (new again in IndexedDB, put back by Undo). Thumb on Pixel 7, mouse on desktop.
import { expect, test, type Page } from '@playwright/test';
import { answerGood, BUNDLED_DECK_ID, press, putRecords, readStore } from './fixtures';

interface Card {
	id: string;
	deckId: string;
	state: number;
	queue: string;
	position: number;
	reps: number;
}

const count = (page: Page) => page.getByTestId('result-count');
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Selected cards' });

/** A second, empty deck, written straight to IndexedDB. */
async function addDeck(page: Page, id: string, name: string): Promise<void> {
	const now = Date.now();
	await putRecords(page, 'decks', [
		{ id, name, description: '', presetId: 'default', createdAt: now, mtime: now }
	]);
}

test('move two cards to another deck, and undo it', async ({ page, isMobile }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study History::/ })).toBeVisible();
	await addDeck(page, 'other-deck', 'Other');
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);

	const boxes = page.getByRole('checkbox', { name: /^Select (?!all)/ });
	await press(boxes.nth(0), isMobile);
	await press(boxes.nth(1), isMobile);
	await expect(bar(page)).toContainText('2 cards selected');
	await bar(page).getByRole('combobox', { name: 'Move to deck' }).selectOption('other-deck');
	await press(bar(page).getByRole('button', { name: 'Move' }), isMobile);
	await expect(page.getByRole('status').filter({ hasText: '2 cards moved.' })).toBeVisible();
	const moved = (await readStore<Card>(page, 'cards')).filter((c) => c.deckId === 'other-deck');
	expect(moved).toHaveLength(2);
	await page.getByRole('combobox', { name: 'Deck', exact: true }).selectOption('Other');
	await expect(count(page)).toHaveText('2 cards');

	await press(page.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(count(page)).toHaveText('0 cards');
	const cards = await readStore<Card>(page, 'cards');
	expect(cards.every((c) => c.deckId === BUNDLED_DECK_ID)).toBe(true);
});

test('reset studied cards to new after a confirmation, and undo it', async ({ page, isMobile }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await answerGood(page, isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	await answerGood(page, isMobile);
	await expect(page.getByText('2 answered')).toBeVisible();
	const studied = (await readStore<Card>(page, 'cards')).filter((c) => c.state !== 0);
	expect(studied).toHaveLength(2);

	await page.goto('/browse');
	await page.getByLabel('State').selectOption('learning');
	await expect(count(page)).toHaveText('2 cards');
	await press(page.getByRole('checkbox', { name: 'Select all' }), isMobile);
	await press(bar(page).getByRole('button', { name: 'Reset' }), isMobile);
	const confirm = page.getByRole('dialog', { name: 'Reset cards?' });
	await expect(confirm).toContainText('Reset 2 cards to new?');
	const restore = confirm.getByRole('checkbox', {
		name: 'Restore original position where possible'
	});
	await expect(restore).toBeChecked();
	await press(restore, isMobile);
	await expect(confirm.getByRole('checkbox', { name: /Reset repetition/ })).not.toBeChecked();
	const lastNew = Math.max(
		...(await readStore<Card>(page, 'cards'))
			.filter((c) => c.queue === 'new')
			.map((c) => c.position)
	);
	await press(confirm.getByRole('button', { name: 'Reset' }), isMobile);
	await expect(page.getByRole('status').filter({ hasText: '2 cards reset to new.' })).toBeVisible();
	const ids = new Set(studied.map((c) => c.id));
	const reset = (await readStore<Card>(page, 'cards')).filter((c) => ids.has(c.id));
	expect(reset.map((c) => c.state)).toEqual([0, 0]);
	expect(reset.map((c) => c.position).sort((a, b) => a - b)).toEqual([lastNew + 1, lastNew + 2]);
	expect(reset.map((c) => c.reps)).toEqual([1, 1]);

	await press(page.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(count(page)).toHaveText('2 cards');
	const back = (await readStore<Card>(page, 'cards')).filter((c) => ids.has(c.id));
	expect(back.map((c) => c.state).sort()).toEqual(studied.map((c) => c.state).sort());
});
