// Redo in a rescheduling custom study session (Review ahead), as on the daily screen: an answer
// undone is given again by Ctrl+Shift+Z or the Redo button on desktop and by a tap on Redo on a
// phone. IndexedDB (`engram`) shows the card as the answer left it and one review row with the
// same rating and time under a new id, the undone row's tombstone kept.
import { expect, test, type Page } from '@playwright/test';
import {
	customStudy,
	openCustomStudy,
	openTodayWithDeck,
	reviewsDueInTwoDays
} from './custom-study-helpers';
import { press, readStore, type StoredCard, type StoredReview } from './fixtures';
import { expectAnswerRedone, gradeCard, question, redoButton, withoutMtime } from './study-helpers';

async function cardById(page: Page, id: string): Promise<StoredCard> {
	return (await readStore<StoredCard>(page, 'cards')).find((card) => card.id === id)!;
}

test('Redo gives an undone custom study answer again, rescheduling the card as before', async ({
	page,
	isMobile
}) => {
	await openTodayWithDeck(page);
	// Two reviews due in two days, for Review ahead.
	await reviewsDueInTwoDays(page, 2);
	await openCustomStudy(page, isMobile);
	await customStudy(page, 'Review ahead', '2', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);
	await expect(question(page)).toBeVisible();
	const first = await question(page).textContent();
	await expect(redoButton(page)).toBeDisabled();
	const cardsBefore = await readStore<StoredCard>(page, 'cards');

	await gradeCard(page, 'Hard', isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const [graded] = await readStore<StoredReview>(page, 'reviews');
	const before = cardsBefore.find((card) => card.id === graded!.cardId)!;
	const answered = await cardById(page, graded!.cardId);
	expect(answered.reps).toBe(5);

	// Desktop: Ctrl+Shift+Z, then the Redo button; a phone taps Redo both times.
	for (const how of ['keys', 'button'] as const) {
		if (isMobile) {
			await press(page.getByRole('button', { name: 'Undo' }), true);
		} else {
			await page.keyboard.press('Control+z');
		}
		await expect(page.getByText('Undone.')).toBeVisible();
		await expect(question(page)).toHaveText(first!);
		expect(await readStore(page, 'reviews')).toEqual([]);
		expect(withoutMtime(await cardById(page, graded!.cardId))).toEqual(withoutMtime(before));
		if (how === 'keys' && !isMobile) {
			await page.keyboard.press('Control+Shift+Z');
		} else {
			await press(redoButton(page), isMobile);
		}
		await expect(page.getByText('Redone.')).toBeVisible();
		await expectAnswerRedone(page, graded!, first!);
		expect(withoutMtime(await cardById(page, graded!.cardId))).toEqual(withoutMtime(answered));
	}
	const tombstones = await readStore<{ table: string; id: string }>(page, 'tombstones');
	expect(tombstones.filter((t) => t.table === 'reviews').map((t) => t.id)).toContain(graded!.id);
});
