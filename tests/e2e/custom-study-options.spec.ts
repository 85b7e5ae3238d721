// Custom study's other options, as in Anki: the dialog shows how many cards each would get; a
// raised review limit lets today's queue show more reviews; forgotten cards build a preview
// session of the cards answered Again; Rebuild on Today chooses them again and starts over; by
// card state and tag builds a rescheduling session of the tagged cards. IndexedDB shows each.
import { expect, test } from '@playwright/test';
import {
	changePreset,
	chooseOption,
	openCustomStudy,
	openTodayWithDeck,
	sendCustomStudy
} from './custom-study-helpers';
import { BUNDLED_DECK_ID, press, putRecords, readStore, type StoredCard } from './fixtures';
import { asReviewCard, gradeCard } from './study-helpers';

interface StoredSession {
	id: string;
	search: string;
	reschedule: boolean;
	order: string;
	cardIds: string[];
	builtAt: number;
}

test('review limit, forgotten cards and Rebuild, with each option’s available count', async ({
	page,
	isMobile
}) => {
	await openTodayWithDeck(page);
	// One review a day, and three reviews due: two wait for tomorrow.
	await changePreset(page, { reviewsPerDay: 1 });
	const now = Date.now();
	const stored = await readStore<Record<string, unknown> & { id: string }>(page, 'cards');
	await putRecords(
		page,
		'cards',
		stored.slice(0, 3).map((card) => asReviewCard(card, now))
	);

	const dialog = await openCustomStudy(page, isMobile);
	const fresh = stored.length - 3;
	await expect(
		dialog.getByRole('radio', { name: `Increase today’s new card limit (${fresh} available)` })
	).toBeVisible();
	await expect(
		dialog.getByRole('radio', { name: 'Increase today’s review card limit (3 available)' })
	).toBeVisible();
	await expect(
		dialog.getByRole('radio', { name: 'Review forgotten cards (0 available)' })
	).toBeVisible();
	await chooseOption(page, 'Increase today’s review card limit', isMobile);
	await sendCustomStudy(page, '2', isMobile);
	const [extension] = await readStore<Record<string, unknown>>(page, 'limitExtensions');
	expect(extension).toMatchObject({ deckId: BUNDLED_DECK_ID, extraNew: 0, extraReview: 2 });

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(page.getByRole('status', { name: /^Remaining: .*, 3 to review$/ })).toBeVisible();
	await gradeCard(page, 'Again', isMobile);
	// The next card is painted before the answer's write lands (the write is off the paint path).
	await expect.poll(() => readStore(page, 'reviews')).toHaveLength(1);
	const [forgot] = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
	expect(forgot).toMatchObject({ rating: 1 });

	// Forgotten cards: a preview of the card answered Again; it changes no card.
	await openCustomStudy(page, isMobile);
	await expect(
		page.getByRole('radio', { name: 'Review forgotten cards (1 available)' })
	).toBeVisible();
	await chooseOption(page, 'Review forgotten cards', isMobile);
	await sendCustomStudy(page, '1', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);
	const cardsBefore = await readStore<StoredCard>(page, 'cards');
	await gradeCard(page, 'Good', isMobile);
	await expect(page.getByRole('heading', { name: 'Custom study session finished' })).toBeVisible();
	const [session] = await readStore<StoredSession>(page, 'filteredDecks');
	expect(session).toMatchObject({ reschedule: false, cardIds: [forgot!.cardId] });
	expect(await readStore(page, 'previews')).toEqual([
		expect.objectContaining({ cardId: forgot!.cardId, filteredId: session!.id, rating: 3 })
	]);
	expect(await readStore(page, 'reviews')).toHaveLength(1);
	expect(await readStore<StoredCard>(page, 'cards')).toEqual(cardsBefore);

	// Rebuild on Today: the card is chosen again and the session starts over.
	await page.goto('/');
	const custom = page.getByRole('list', { name: 'Custom study' });
	await expect(custom).toContainText('Finished: nothing left to study. Its one card was answered.');
	await press(custom.getByRole('button', { name: 'Rebuild Custom study session' }), isMobile);
	await expect(custom).toContainText('1 card left');
	expect(await readStore(page, 'previews')).toEqual([]);
	const [rebuilt] = await readStore<StoredSession>(page, 'filteredDecks');
	expect(rebuilt).toMatchObject({ id: session!.id, cardIds: [forgot!.cardId] });
	expect(rebuilt!.builtAt).toBeGreaterThan(session!.builtAt);
});

test('by card state and tag: the tagged new cards, rescheduled when answered', async ({
	page,
	isMobile
}) => {
	await openTodayWithDeck(page);
	const notes = await readStore<{ id: string; tags: string[] }>(page, 'notes');
	const tagged = new Set(notes.filter((note) => note.tags.includes('lenin')).map((n) => n.id));
	const cards = await readStore<StoredCard & { noteId: string }>(page, 'cards');
	const expected = cards.filter((card) => tagged.has(card.noteId)).map((card) => card.id);
	expect(expected.length).toBeGreaterThan(2);

	const dialog = await openCustomStudy(page, isMobile);
	await chooseOption(page, 'Study by card state or tag', isMobile);
	await dialog.getByLabel('Cards', { exact: true }).selectOption({ label: 'New cards only' });
	await dialog.getByLabel('Require one of these tags').fill('lenin');
	await dialog.getByRole('spinbutton').fill('100');
	await expect(
		dialog.getByRole('radio', {
			name: `Study by card state or tag (${expected.length} available)`
		})
	).toBeVisible();
	await sendCustomStudy(page, '100', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);

	const [session] = await readStore<StoredSession>(page, 'filteredDecks');
	expect(session).toMatchObject({ reschedule: true, order: 'added' });
	expect(session!.search).toContain('tag:lenin');
	expect([...session!.cardIds].sort()).toEqual([...expected].sort());
	await gradeCard(page, 'Good', isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const [review] = await readStore<{ cardId: string }>(page, 'reviews');
	expect(expected).toContain(review!.cardId);
	const answered = (await readStore<StoredCard>(page, 'cards')).find(
		(card) => card.id === review!.cardId
	);
	expect(answered).toMatchObject({ reps: 1 });
	expect(answered!.state).not.toBe(0);
});

test('a learning card waiting on its step comes back on screen by itself', async ({
	page,
	isMobile
}) => {
	await page.clock.install();
	await openTodayWithDeck(page);
	// One learning step of an hour: longer than the session's 20-minute learn-ahead.
	await changePreset(page, { learningSteps: ['1h'] });

	const dialog = await openCustomStudy(page, isMobile);
	await chooseOption(page, 'Study by card state or tag', isMobile);
	await dialog.getByLabel('Cards', { exact: true }).selectOption({ label: 'New cards only' });
	await sendCustomStudy(page, '1', isMobile);
	await expect(page).toHaveURL(/\/study\/custom\//);
	await gradeCard(page, 'Again', isMobile);
	await expect(page.getByRole('heading', { name: 'Custom study session finished' })).toBeVisible();
	await expect(page.getByText(/A card still learning comes back in/)).toBeVisible();
	const [review] = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
	expect(review).toMatchObject({ rating: 1 });

	// Forty minutes on, the step is within the learn-ahead: the card is shown without a touch.
	await page.clock.fastForward('40:00');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await expect(
		page.getByRole('status', { name: 'Remaining: 0 new, 1 learning, 0 to review' })
	).toBeVisible();
	await gradeCard(page, 'Good', isMobile);
	await expect(page.getByRole('heading', { name: 'Custom study session finished' })).toBeVisible();
	const reviews = await readStore<{ cardId: string; rating: number }>(page, 'reviews');
	expect(reviews.map((r) => [r.cardId, r.rating]).sort((a, b) => +a[1]! - +b[1]!)).toEqual([
		[review!.cardId, 1],
		[review!.cardId, 3]
	]);
});
