// An emptied custom study session, as Anki keeps an empty filtered deck: once every card is
// answered, its end screen says so and Today keeps the session, marked finished, with Rebuild
// first and no Study link to nothing. A session emptied elsewhere (its cards suspended in Browse)
// says why; a card suspended while it is shown is not answered, and the session moves on.
import { expect, test, type Page } from '@playwright/test';
import {
	chooseOption,
	openCustomStudy,
	openTodayWithDeck,
	sendCustomStudy
} from './custom-study-helpers';
import { press, putRecords, readStore, suspendAllCards, type StoredCard } from './fixtures';
import { gradeCard } from './study-helpers';

const SESSION = 'Custom study session';

/** Builds a rescheduling session of `count` new cards from Today's deck menu. */
async function newCardsSession(page: Page, count: number, touch: boolean): Promise<string> {
	const dialog = await openCustomStudy(page, touch);
	await chooseOption(page, 'Study by card state or tag', touch);
	await dialog.getByLabel('Cards', { exact: true }).selectOption({ label: 'New cards only' });
	await sendCustomStudy(page, String(count), touch);
	await expect(page).toHaveURL(/\/study\/custom\//);
	return new URL(page.url()).pathname;
}

const sessions = (page: Page) => page.getByRole('list', { name: 'Custom study' });

test('an answered session ends, stays on Today as finished, and Rebuild fills it again', async ({
	page,
	isMobile
}) => {
	await openTodayWithDeck(page);
	await newCardsSession(page, 2, isMobile);
	await gradeCard(page, 'Easy', isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	await gradeCard(page, 'Easy', isMobile);
	const end = page.getByRole('region', { name: 'Custom study session finished' });
	await expect(end).toContainText('You answered 2 cards.');
	await expect(end).toContainText('All 2 cards answered.');
	await expect(end.getByRole('button', { name: `Rebuild ${SESSION}` })).toBeVisible();

	await press(end.getByRole('link', { name: 'Back to decks' }), isMobile);
	const list = sessions(page);
	await expect(list).toContainText('Finished: nothing left to study. All 2 cards answered.');
	await expect(list.getByRole('link', { name: `Study ${SESSION}` })).toBeHidden();
	expect(await readStore(page, 'filteredDecks')).toHaveLength(1);

	await press(list.getByRole('button', { name: `Rebuild ${SESSION}` }), isMobile);
	await expect(list).toContainText('2 cards left');
	await expect(list.getByRole('link', { name: `Study ${SESSION}` })).toBeVisible();

	// Finished again, then rebuilt from its end screen: the answers, their count and their Undo
	// start over.
	await press(list.getByRole('link', { name: `Study ${SESSION}` }), isMobile);
	await gradeCard(page, 'Easy', isMobile);
	await gradeCard(page, 'Easy', isMobile);
	await expect(end).toContainText('You answered 2 cards.');
	const undo = page.getByRole('button', { name: 'Undo' });
	await expect(undo).toBeEnabled();
	await press(end.getByRole('button', { name: `Rebuild ${SESSION}` }), isMobile);
	await expect(page.getByText('0 answered')).toBeVisible();
	await expect(undo).toBeDisabled();
	await gradeCard(page, 'Easy', isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	await expect(undo).toBeEnabled();
});

test('a session emptied elsewhere says why, and a card suspended while shown is not answered', async ({
	page,
	isMobile
}) => {
	await openTodayWithDeck(page);
	const path = await newCardsSession(page, 2, isMobile);
	// The shown card is suspended elsewhere (raw IndexedDB, as another device's copy would).
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	const [session] = await readStore<{ cardIds: string[] }>(page, 'filteredDecks');
	const shown = (await readStore<StoredCard>(page, 'cards')).find(
		(card) => card.id === session!.cardIds[0]
	)!;
	await putRecords(page, 'cards', [{ ...shown, queue: 'suspended', mtime: Date.now() }]);
	await press(page.getByRole('button', { name: /^Good/ }), isMobile);
	await expect(
		page.getByText('This card was suspended elsewhere, so your answer was not saved.')
	).toBeVisible();
	await expect(page.getByRole('status', { name: /^Remaining: 1 new/ })).toBeVisible();
	expect(await readStore(page, 'reviews')).toEqual([]);

	// Every card suspended in Browse: Today and the session's screen say why it is empty.
	await suspendAllCards(page);
	await page.goto('/');
	const why =
		'None of its cards are left: all 2 were deleted, suspended or buried since it was built.';
	await expect(sessions(page)).toContainText(`Finished: nothing left to study. ${why}`);
	await expect(sessions(page).getByRole('link', { name: `Study ${SESSION}` })).toBeHidden();
	await page.goto(path);
	const end = page.getByRole('region', { name: 'Custom study session finished' });
	await expect(end).toContainText(why);
	await expect(end).not.toContainText('You answered');
});
