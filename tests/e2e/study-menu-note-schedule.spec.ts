// Proves the study menu's whole-note and scheduling actions, by keyboard on desktop (=, !,
// Ctrl+Shift+D, U) and by thumb on Pixel 7: "Bury note" and "Suspend note" take every card of the
// note out of the queue, "Set due date" refuses a bad entry in one sentence and otherwise makes
// the card due that many days on with a Manual review row, and Undo puts each back; all checked
// in the real IndexedDB. "Add note" and "Deck options" open for the card's own deck.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { DAY, everyCardDueForReview, menuItem, question } from './study-helpers';

interface Card {
	id: string;
	noteId: string;
	deckId: string;
	queue: string;
	due: Date;
}

const cards = (page: Page) => readStore<Card>(page, 'cards');
const reviews = (page: Page) => readStore<{ rating: number; cardId: string }>(page, 'reviews');

test('bury note, suspend note and set due date, each undone', async ({ page, isMobile }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study History::/ })).toBeVisible();
	await everyCardDueForReview(page);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const shown = (await question(page).textContent()) ?? '';
	const before = await cards(page);

	const undo = async () => {
		if (isMobile) {
			await press(page.getByRole('button', { name: 'Undo' }), true);
		} else {
			await page.keyboard.press('u');
		}
		await expect(question(page)).toHaveText(shown);
	};

	for (const [key, item, queue, notice] of [
		['=', /^Bury note/, 'buried', 'Note buried until tomorrow.'],
		['!', /^Suspend note/, 'suspended', 'Note suspended.']
	] as const) {
		if (isMobile) {
			await menuItem(page, item, true);
		} else {
			await page.keyboard.press(key);
		}
		await expect(page.getByText(notice)).toBeVisible();
		await expect(question(page)).not.toHaveText(shown);
		const out = (await cards(page)).filter((card) => card.queue === queue);
		const noteCards = before.filter((card) => card.noteId === out[0]?.noteId);
		// Every card of one note, and only those.
		expect(out.map((card) => card.id).sort()).toEqual(noteCards.map((card) => card.id).sort());
		expect(noteCards.length).toBeGreaterThan(1);
		await undo();
		expect((await cards(page)).filter((card) => card.queue === queue)).toEqual([]);
	}

	// Set due date: a bad entry is refused in one sentence and changes nothing.
	const openSetDue = async () => {
		if (isMobile) {
			await menuItem(page, /^Set due date/, true);
		} else {
			await page.keyboard.press('Control+Shift+D');
		}
	};
	await openSetDue();
	const dialog = page.getByRole('dialog', { name: 'Set due date' });
	const days = dialog.getByLabel('Days from today');
	await expect(days).toBeFocused();
	await days.fill('soon');
	await press(dialog.getByRole('button', { name: 'Set due date' }), isMobile);
	await expect(dialog.getByRole('alert')).toHaveText(
		'Write the days from today as a number, like “0”, “3”, or a range like “1-7”.'
	);
	await expect(days).toHaveAttribute('aria-invalid', 'true');
	expect(await reviews(page)).toEqual([]);
	await days.fill('3');
	if (isMobile) {
		await press(dialog.getByRole('button', { name: 'Set due date' }), true);
	} else {
		await page.keyboard.press('Enter');
	}
	await expect(page.getByText('Card due in 3 days.')).toBeVisible();
	await expect(dialog).toBeHidden();
	const manual = await reviews(page);
	expect(manual.map((review) => review.rating)).toEqual([0]);
	const moved = (await cards(page)).find((card) => card.id === manual[0]!.cardId)!;
	const inDays = (moved.due.getTime() - Date.now()) / DAY;
	expect(inDays).toBeGreaterThan(2);
	expect(inDays).toBeLessThan(4);
	await undo();
	expect(await reviews(page)).toEqual([]);
	const back = (await cards(page)).find((card) => card.id === moved.id)!;
	expect(back.due).toEqual(before.find((card) => card.id === moved.id)!.due);
});

test("the menu's Add note and Deck options open for the card's own deck", async ({
	page,
	isMobile
}) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const deckIds = new Set((await cards(page)).map((card) => card.deckId));

	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await press(page.getByRole('link', { name: 'Add note' }), isMobile);
	await expect(page).toHaveURL(/\/add\?deck=/);
	const deck = await page.getByLabel('Deck').inputValue();
	expect(deckIds.has(deck)).toBe(true);

	await page.goBack();
	await expect(question(page)).toBeVisible();
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await press(page.getByRole('link', { name: 'Deck options' }), isMobile);
	await expect(page).toHaveURL(new RegExp(`/decks/${encodeURIComponent(deck)}/options$`));
	await expect(page.getByRole('heading', { name: /^Options for History::/ })).toBeVisible();
});
