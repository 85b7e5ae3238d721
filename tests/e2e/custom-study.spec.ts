// Custom study, as in Anki/AnkiDroid: from the end screen and from Today's deck menu a person
// raises today's new-card limit and studies one more card, and builds "Review ahead" and
// "Preview new cards" sessions. IndexedDB shows what each did: the extra answer is a review row
// that changed its card; review ahead rescheduled its card; preview wrote a preview row only.
import { expect, test } from '@playwright/test';
import { checkScreenState } from './a11y-checks';
import {
	changePreset,
	customStudy,
	openCustomStudy,
	openTodayWithDeck,
	reviewsDueInTwoDays
} from './custom-study-helpers';
import { BUNDLED_DECK_ID, press, readStore, type StoredCard } from './fixtures';
import { gradeCard } from './study-helpers';

test('raise today’s new card limit from the end screen and study one more card', async ({
	page,
	isMobile
}) => {
	test.slow(); // axe runs on the dialog in both themes
	await openTodayWithDeck(page);
	await changePreset(page, { newPerDay: 1 });
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await gradeCard(page, 'Easy', isMobile);
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();

	await press(page.getByRole('button', { name: 'Custom study…' }), isMobile);
	const dialog = page.getByRole('dialog', { name: 'Custom study' });
	await expect(dialog).toBeVisible();
	await checkScreenState(page, 'custom-study-dialog', isMobile);
	// A bad number: one sentence, nothing written.
	await dialog.getByRole('spinbutton').fill('0');
	await press(dialog.getByRole('button', { name: 'OK' }), isMobile);
	await expect(dialog.getByRole('alert')).toHaveText('Enter a whole number from 1 to 9999.');
	expect(await readStore(page, 'limitExtensions')).toEqual([]);

	await customStudy(page, 'Increase today’s new card limit', '1', isMobile);
	await expect(page.getByRole('status', { name: /^Remaining: 1 new/ })).toBeVisible();
	await gradeCard(page, 'Easy', isMobile);
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();

	const [extension] = await readStore<{ deckId: string; extraNew: number }>(
		page,
		'limitExtensions'
	);
	expect(extension).toMatchObject({ deckId: BUNDLED_DECK_ID, extraNew: 1 });
	const reviews = await readStore<{ cardId: string; state: number }>(page, 'reviews');
	expect(reviews).toHaveLength(2);
	expect(reviews.every((review) => review.state === 0)).toBe(true);
	const cards = await readStore<StoredCard>(page, 'cards');
	for (const review of reviews) {
		expect(cards.find((card) => card.id === review.cardId)).toMatchObject({ state: 2, reps: 1 });
	}
	// Today counts the raised limit: both of today's new cards are used up.
	await page.goto('/');
	await expect(page.getByText('2 reviewed today')).toBeVisible();
});

test('review ahead reschedules its cards; preview new cards leaves them as they were', async ({
	page,
	isMobile
}) => {
	test.slow(); // axe runs on Today with the session in both themes
	await openTodayWithDeck(page);
	// Three cards are reviews due in two days; the rest stay new.
	const ahead = await reviewsDueInTwoDays(page, 3);

	await openCustomStudy(page, isMobile);
	await customStudy(page, 'Review ahead', '3', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);
	await expect(
		page.getByRole('status', { name: 'Remaining: 0 new, 0 learning, 3 to review' })
	).toBeVisible();
	await gradeCard(page, 'Good', isMobile);
	await expect(page.getByRole('status', { name: /3 to review|2 to review/ })).toBeVisible();
	await expect(page.getByText('1 answered')).toBeVisible();
	const reviews = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
	expect(reviews).toHaveLength(1);
	const answered = (await readStore<StoredCard>(page, 'cards')).find(
		(card) => card.id === reviews[0]!.cardId
	)!;
	const before = ahead.find((card) => card.id === answered.id)!;
	expect(answered.reps).toBe(5);
	expect(new Date(answered.due).getTime()).toBeGreaterThan((before.due as Date).getTime());
	const [session] = await readStore<{ id: string; reschedule: boolean; cardIds: string[] }>(
		page,
		'filteredDecks'
	);
	expect(session).toMatchObject({ reschedule: true });
	expect(session!.cardIds).toHaveLength(3);

	// Today shows the session with what is left, and its Rebuild and Delete.
	await page.goto('/');
	const custom = page.getByRole('list', { name: 'Custom study' });
	await expect(custom).toContainText('2 cards left');
	await expect(custom.getByRole('button', { name: 'Rebuild Custom study session' })).toBeVisible();
	await checkScreenState(page, 'today-custom-study', isMobile);

	// Preview replaces the session; answering it writes a preview, never a review.
	await openCustomStudy(page, isMobile);
	await customStudy(page, 'Preview new cards', '1', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);
	const cardsBefore = await readStore<StoredCard>(page, 'cards');
	await gradeCard(page, 'Good', isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const previews = await readStore<{ cardId: string; rating: number }>(page, 'previews');
	expect(previews).toHaveLength(1);
	expect(previews[0]!.rating).toBe(3);
	expect(await readStore(page, 'reviews')).toHaveLength(1);
	expect(await readStore<StoredCard>(page, 'cards')).toEqual(cardsBefore);
	const previewed = cardsBefore.find((card) => card.id === previews[0]!.cardId)!;
	expect(previewed.state).toBe(0);

	// Delete asks first: Cancel keeps the session and its previews.
	await page.goto('/');
	const deleteSession = page
		.getByRole('list', { name: 'Custom study' })
		.getByRole('button', { name: 'Delete Custom study session' });
	const confirm = page.getByRole('dialog', { name: 'Delete custom study session?' });
	await press(deleteSession, isMobile);
	await expect(confirm).toContainText('Its cards stay in their decks');
	await press(confirm.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(confirm).toBeHidden();
	expect(await readStore(page, 'filteredDecks')).toHaveLength(1);
	expect(await readStore(page, 'previews')).toHaveLength(1);
	const left = await page
		.getByRole('list', { name: 'Custom study' })
		.getByText(/cards? left/)
		.textContent();
	// Delete: the session goes with its previews, every card stays where it was, and can come back.
	await press(deleteSession, isMobile);
	await press(confirm.getByRole('button', { name: 'Delete' }), isMobile);
	await expect(page.getByRole('list', { name: 'Custom study' })).toBeHidden();
	expect(await readStore(page, 'previews')).toEqual([]);
	expect(await readStore(page, 'filteredDecks')).toEqual([]);
	expect(await readStore<StoredCard>(page, 'cards')).toEqual(cardsBefore);
	// Today offers the deletion's Undo (it outlives a reload): the session and its preview return.
	await page.reload();
	const notice = page
		.getByRole('status')
		.filter({ hasText: 'Deleted the custom study session “Custom study session”.' });
	await press(notice.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(notice).toBeHidden();
	await expect(page.getByRole('list', { name: 'Custom study' })).toContainText(left!);
	expect(await readStore(page, 'previews')).toEqual(previews);
	expect(await readStore(page, 'filteredDecks')).toHaveLength(1);
	const tombstones = await readStore<{ table: string }>(page, 'tombstones');
	expect(tombstones.filter((tombstone) => tombstone.table === 'filteredDecks')).toEqual([]);
	expect(await readStore<StoredCard>(page, 'cards')).toEqual(cardsBefore);
});
