// Proves the study menu's note actions a daily AnkiDroid user relies on, by keyboard on desktop
// (Ctrl+Delete, *, U) and by thumb on Pixel 7: "Delete note" asks first, then removes the note
// and all its cards (tombstones written, review history kept) and moves on; Undo puts the note
// and cards back exactly (FSRS state and all) and shows the card again. "Mark note" puts the
// `marked` tag on the note (found by `tag:marked` in browse), shows a star, and undoes with the
// answer still shown. "Card info" shows the figures and reviews of a card with a known history,
// from study and browse.
// Every step is checked in the real IndexedDB.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, putRecords, readStore } from './fixtures';
import { DAY, everyCardDueForReview, menuItem, question } from './study-helpers';

interface Note {
	id: string;
	tags: string[];
	mtime: number;
}
interface Card {
	id: string;
	noteId: string;
	deckId: string;
	mtime: number;
}
interface Review {
	id: string;
	cardId: string;
}
interface Tombstone {
	table: string;
	id: string;
}

/**
 * Every card a review card due now with two known answers: Good as new 15 days ago (8 s), then
 * Good 12 days ago (5 s), due 3 days after the first; stability 12, difficulty 6.
 */
async function reviewedTwice(page: Page): Promise<number> {
	const now = Date.now();
	await everyCardDueForReview(page, { reps: 2, lapses: 0 });
	const first = new Date(now - 15 * DAY);
	const second = new Date(now - 12 * DAY);
	const cards = await readStore<Card>(page, 'cards');
	const base = { rating: 3, learning_steps: 0, last_elapsed_days: 0 };
	await putRecords(
		page,
		'reviews',
		cards.flatMap((card) => [
			{
				...base,
				id: `${card.id}-r1`,
				cardId: card.id,
				deckId: card.deckId,
				state: 0,
				due: first,
				stability: 0,
				difficulty: 0,
				elapsed_days: 0,
				scheduled_days: 0,
				cardDue: first,
				review: first,
				duration: 8000
			},
			{
				...base,
				id: `${card.id}-r2`,
				cardId: card.id,
				deckId: card.deckId,
				state: 2,
				due: second,
				stability: 3,
				difficulty: 6,
				elapsed_days: 3,
				scheduled_days: 3,
				cardDue: second,
				cardLastReview: first,
				review: second,
				duration: 5000
			}
		])
	);
	return now;
}

/** Opens study on the cards reviewed twice; returns the time their history was written for. */
async function openStudy(page: Page): Promise<number> {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study History::/ })).toBeVisible();
	const now = await reviewedTwice(page);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	return now;
}

const withoutMtime = <T extends { mtime: number }>(items: T[]) =>
	items.map(({ mtime: _m, ...rest }) => rest);

async function collection(page: Page) {
	return {
		notes: await readStore<Note>(page, 'notes'),
		cards: await readStore<Card>(page, 'cards'),
		reviews: await readStore<Review>(page, 'reviews'),
		tombstones: await readStore<Tombstone>(page, 'tombstones')
	};
}

test('delete note asks first, removes the note and its cards, and Undo brings them back exactly', async ({
	page,
	isMobile
}) => {
	await openStudy(page);
	const before = await collection(page);
	const shown = await question(page).textContent();

	// Asked first; Cancel changes nothing.
	if (isMobile) {
		await menuItem(page, /^Delete note/, true);
	} else {
		await page.keyboard.press('Control+Delete');
	}
	const confirm = page.getByRole('dialog', { name: 'Delete this note?' });
	await expect(confirm).toBeVisible();
	await press(confirm.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(confirm).toBeHidden();
	expect((await readStore<Note>(page, 'notes')).length).toBe(before.notes.length);

	if (isMobile) {
		await menuItem(page, /^Delete note/, true);
		await press(confirm.getByRole('button', { name: 'Delete note' }), true);
	} else {
		await page.keyboard.press('Control+Delete');
		await expect(confirm).toBeVisible();
		// Cancel has the focus (the safe choice); Tab reaches Delete.
		await page.keyboard.press('Tab');
		await expect(confirm.getByRole('button', { name: 'Delete note' })).toBeFocused();
		await page.keyboard.press('Enter');
	}
	await expect(page.getByText(/Note deleted \(\d cards?\)\./)).toBeVisible();
	await expect(question(page)).not.toHaveText(shown ?? '');

	const after = await collection(page);
	const gone = before.notes.filter((note) => !after.notes.some((n) => n.id === note.id));
	expect(gone).toHaveLength(1);
	const goneCards = before.cards.filter((card) => card.noteId === gone[0]!.id);
	expect(goneCards.length).toBeGreaterThan(0);
	expect(after.cards).toHaveLength(before.cards.length - goneCards.length);
	expect(after.cards.some((card) => card.noteId === gone[0]!.id)).toBe(false);
	// Tombstones for the note and each card; the review history stays, as in Anki.
	expect(after.tombstones.map((t) => `${t.table}:${t.id}`).sort()).toEqual(
		[`notes:${gone[0]!.id}`, ...goneCards.map((card) => `cards:${card.id}`)].sort()
	);
	expect(after.reviews).toEqual(before.reviews);

	if (isMobile) {
		await press(page.getByRole('button', { name: 'Undo' }), true);
	} else {
		await page.keyboard.press('u');
	}
	await expect(question(page)).toHaveText(shown ?? '');
	const undone = await collection(page);
	expect(withoutMtime(undone.notes)).toEqual(withoutMtime(before.notes));
	expect(withoutMtime(undone.cards)).toEqual(withoutMtime(before.cards));
	expect(undone.reviews).toEqual(before.reviews);
	expect(undone.tombstones).toEqual([]);
});

test('mark note puts the marked tag on, shows a star, is found by tag:marked, and undoes', async ({
	page,
	isMobile
}) => {
	await openStudy(page);
	const star = page.getByRole('img', { name: 'Marked note' });
	const marked = async () =>
		(await readStore<Note>(page, 'notes')).filter((note) => note.tags.includes('marked'));
	await expect(star).toBeHidden();
	// Marked with the answer shown: the card stays on screen as it is, through the undo too.
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	const answer = page.getByRole('region', { name: 'Answer' });
	await expect(answer).toBeVisible();

	const mark = async () => {
		if (isMobile) {
			await menuItem(page, /^Mark note/, true);
		} else {
			await page.keyboard.press('*');
		}
	};
	await mark();
	await expect(page.getByText('Note marked.')).toBeVisible();
	await expect(star).toBeVisible();
	expect(await marked()).toHaveLength(1);

	// Undo takes the tag off again.
	if (isMobile) {
		await press(page.getByRole('button', { name: 'Undo' }), true);
	} else {
		await page.keyboard.press('Control+z');
	}
	await expect(page.getByText('Undone.')).toBeVisible();
	await expect(star).toBeHidden();
	await expect(answer).toBeVisible();
	await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
	expect(await marked()).toHaveLength(0);

	// Marked again; the menu shows it pressed, and choosing it unmarks.
	await mark();
	await expect(star).toBeVisible();
	const note = (await marked())[0]!;
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	const menu = page.getByRole('dialog', { name: 'Card actions' });
	await expect(menu.getByRole('button', { name: /^Mark note/ })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await press(page.getByRole('button', { name: 'Close' }), isMobile);

	// Browse finds the marked note's cards with tag:marked.
	const cardsOfNote = (await readStore<Card>(page, 'cards')).filter((c) => c.noteId === note.id);
	await page.goto('/browse');
	await page.getByLabel('Search cards').fill('tag:marked');
	await expect(page.getByTestId('result-count')).toHaveText(
		`${cardsOfNote.length} card${cardsOfNote.length === 1 ? '' : 's'}`
	);

	await page.goBack();
	await expect(star).toBeVisible();
	await menuItem(page, /^Mark note/, isMobile);
	await expect(page.getByText('Note unmarked.')).toBeVisible();
	expect(await marked()).toHaveLength(0);
});

test.describe('in a German browser', () => {
	test.use({ locale: 'de-DE' });

	test('card info shows the figures and reviews of a card with known history, in study and browse', async ({
		page,
		isMobile
	}) => {
		// The time the history was written for: a minute may have turned since.
		const now = await openStudy(page);
		// Dates as the browser's locale writes them (German here), not one fixed format.
		const date = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' });
		const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' });

		if (isMobile) {
			await menuItem(page, /^Card info/, true);
		} else {
			await page.keyboard.press('i');
		}
		const dialog = page.getByRole('dialog', { name: 'Card info' });
		const figures = dialog.getByRole('table', { name: 'Figures' });
		const figure = (name: string) => figures.getByRole('row', { name, exact: true });
		for (const name of [
			`First review ${date.format(now - 15 * DAY)}`,
			`Latest review ${date.format(now - 12 * DAY)}`,
			`Due ${date.format(now - 3_600_000)}`,
			'Interval 12 days',
			'Difficulty 56%',
			'Stability 12 days',
			// Reviewed 12 days ago with stability 12: the forgetting curve's 90%.
			'Retrievability 90%',
			'Reviews 2',
			'Lapses 0',
			'Average time 6.5 seconds',
			'Total time 13 seconds'
		]) {
			await expect(figure(name)).toBeVisible();
		}
		await expect(figures.getByRole('row', { name: /^Deck History::/ })).toBeVisible();
		const reviews = dialog.getByRole('table', { name: 'Reviews' }).getByRole('row');
		await expect(reviews).toHaveCount(3);
		await expect(reviews.nth(1).getByRole('cell')).toHaveText([
			dateTime.format(now - 12 * DAY),
			'Review',
			'Good',
			'12d',
			'5 seconds'
		]);
		await expect(reviews.nth(2).getByRole('cell')).toHaveText([
			dateTime.format(now - 15 * DAY),
			'Learn',
			'Good',
			'3d',
			'8 seconds'
		]);
		if (isMobile) {
			await press(dialog.getByRole('button', { name: 'Close' }), true);
		} else {
			await page.keyboard.press('Escape');
		}
		await expect(dialog).toBeHidden();

		// The same from browse's note editor.
		await page.goto('/browse');
		await press(page.getByRole('button', { name: /^Edit note: / }).first(), isMobile);
		const editor = page.getByRole('dialog', { name: 'Edit note' });
		await press(editor.getByRole('button', { name: /^Card info: / }).first(), isMobile);
		await expect(dialog).toBeVisible();
		await expect(figure('Reviews 2')).toBeVisible();
		await expect(figure('Retrievability 90%')).toBeVisible();
		await expect(reviews).toHaveCount(3);
		await press(dialog.getByRole('button', { name: 'Close' }), isMobile);
		await expect(dialog).toBeHidden();
		await expect(editor).toBeVisible();
	});
});
