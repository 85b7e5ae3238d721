// Redo on the study screen, as in Anki: an undone grade is given again by Ctrl+Shift+Z or Ctrl+Y
// on desktop and by the Redo button on a phone. IndexedDB shows the answer as the grade left it:
// the card in the same state and one review row with the same rating and time, under a new id
// (the undone row's tombstone stays, so no copy that saw the undo can bring that row back). A new
// grade after an undo leaves nothing to redo.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore, type StoredCard, type StoredReview } from './fixtures';
import { expectAnswerRedone, gradeCard, question, redoButton, withoutMtime } from './study-helpers';

async function undo(page: Page, touch: boolean): Promise<void> {
	if (touch) {
		await press(page.getByRole('button', { name: 'Undo' }), true);
	} else {
		await page.keyboard.press('Control+z');
	}
}

test('Redo gives an undone grade again; a new grade clears it', async ({ page }, info) => {
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const first = await question(page).textContent();
	await expect(redoButton(page)).toBeDisabled();

	await gradeCard(page, 'Good', touch);
	await expect(page.getByText('1 answered')).toBeVisible();
	const [graded] = await readStore<StoredReview>(page, 'reviews');
	const cardAfter = (await readStore<StoredCard>(page, 'cards')).find(
		(card) => card.id === graded!.cardId
	)!;

	// Twice: Ctrl+Shift+Z then Ctrl+Y on desktop, the Redo button on a phone.
	for (const shortcut of ['Control+Shift+Z', 'Control+y']) {
		await undo(page, touch);
		await expect(page.getByText('Undone.')).toBeVisible();
		await expect(question(page)).toHaveText(first!);
		expect(await readStore(page, 'reviews')).toEqual([]);
		if (touch) {
			await press(redoButton(page), true);
		} else {
			await page.keyboard.press(shortcut);
		}
		await expectAnswerRedone(page, graded!, first!);
		const card = (await readStore<StoredCard>(page, 'cards')).find((c) => c.id === cardAfter.id);
		expect(withoutMtime(card!)).toEqual(withoutMtime(cardAfter));
	}
	const tombstones = await readStore<{ table: string; id: string }>(page, 'tombstones');
	expect(tombstones.filter((t) => t.table === 'reviews').map((t) => t.id)).toContain(graded!.id);

	// Undo, then a new grade: there is nothing to redo any more.
	await undo(page, touch);
	await expect(redoButton(page)).toBeEnabled();
	await gradeCard(page, 'Again', touch);
	await expect(page.getByText('1 answered')).toBeVisible();
	await expect(redoButton(page)).toBeDisabled();
	if (!touch) {
		await page.keyboard.press('Control+y');
	}
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews.map((review) => review.rating)).toEqual([1]);
});
