// An answer given while another tab's restore or import holds its journal open is refused in
// Chromium too, although the answer's write asks for its commit in the same task as its
// requests (storage/answers.ts): the guard's refusal is a failing request, which aborts even a
// committing transaction (journal-guard.ts). Nothing is stored, the card comes back with the
// error, and once the journal is gone the retry stores it. The other tab is played here by the
// test: the journal's lock held, its journal row and its open row written as a writer leaves them.
import { expect, test } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore, type StoredCard, type StoredReview } from './fixtures';
import {
	closeJournal,
	endJournalInAnotherTab,
	NOT_SAVED,
	openJournalAsAnotherTab
} from './journal-helpers';
import { question } from './study-helpers';

test('an answer given while another tab holds a journal open is refused, and stored when retried', async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const shown = await question(page).textContent();
	const cards = await readStore<StoredCard>(page, 'cards');

	const release = await openJournalAsAnotherTab(page);

	await press(page.getByRole('button', { name: 'Show answer' }), touch);
	await expect(page.getByRole('button', { name: /^Good/ })).toBeEnabled();
	if (touch) {
		await press(page.getByRole('button', { name: /^Good/ }), true);
	} else {
		await page.keyboard.press('3');
	}
	await expect(page.getByText(NOT_SAVED)).toBeVisible();
	// Not stored, as the screen says: no review, every card as it was; the card is back.
	expect(await readStore<StoredReview>(page, 'reviews')).toEqual([]);
	expect(await readStore<StoredCard>(page, 'cards')).toEqual(cards);
	await expect(page.getByRole('region', { name: 'Answer' })).toContainText(shown ?? '');

	await closeJournal(page);
	await release();
	await press(page.getByRole('button', { name: 'Try again' }), touch);
	await expect(page.getByText('1 answered')).toBeVisible();
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews).toHaveLength(1);
	expect(await readStore<{ id: string }>(page, 'journalOpen')).toEqual([]);
});

// The screen is made again when another tab's restore or import ends (to show the collection as
// it left it): a "not saved" error on screen then stays, or the user would never learn of it.
test('the "not saved" error stays on screen once the other tab\'s journal ends', async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const release = await openJournalAsAnotherTab(page);
	await press(page.getByRole('button', { name: 'Show answer' }), touch);
	await press(page.getByRole('button', { name: /^Good/ }), touch);
	const notSaved = page.getByText(NOT_SAVED);
	await expect(notSaved).toBeVisible();

	await endJournalInAnotherTab(page, release);
	await expect(notSaved).toBeVisible();
	expect(await readStore<StoredReview>(page, 'reviews')).toEqual([]);

	// Answering again stores it, and the error goes.
	await press(page.getByRole('button', { name: 'Show answer' }), touch);
	await press(page.getByRole('button', { name: /^Good/ }), touch);
	await expect(page.getByText('1 answered')).toBeVisible();
	await expect(notSaved).toBeHidden();
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);
});
