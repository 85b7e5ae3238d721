// Proves leeches work as in Anki, driven as a person would: the deck options set a leech
// threshold of 2 lapses and "Tag and suspend"; a review card that lapsed once is answered Again
// (keyboard on desktop, thumb on Pixel 7); the study screen says so without stopping the session,
// and IndexedDB holds the card suspended and its note tagged `leech`; Undo puts both back
// exactly; answered Again once more, Browse finds its note's cards with is:leech.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';

interface Card {
	id: string;
	noteId: string;
	queue: string;
	lapses: number;
}
interface Note {
	id: string;
	tags: string[];
}

/**
 * Through raw IndexedDB: every card suspended but one, which becomes a review card lapsed once
 * and due an hour ago. Returns its id and its note's.
 */
async function oneLapsedReviewCard(page: Page): Promise<Card> {
	return page.evaluate(async () => {
		const open = indexedDB.open('engram');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction('cards', 'readwrite');
		const store = tx.objectStore('cards');
		const cards = await new Promise<Record<string, unknown>[]>((resolve) => {
			const request = store.getAll();
			request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
		});
		const now = Date.now();
		const day = 86_400_000;
		const [chosen, ...rest] = cards;
		for (const card of rest) {
			store.put({ ...card, queue: 'suspended' });
		}
		const review = {
			...chosen,
			state: 2,
			queue: 'review',
			stability: 12,
			difficulty: 6,
			reps: 5,
			lapses: 1,
			scheduled_days: 12,
			elapsed_days: 12,
			learning_steps: 0,
			last_review: new Date(now - 12 * day),
			due: new Date(now - 3_600_000)
		};
		store.put(review);
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
		return review as unknown as Card;
	});
}

async function stored(page: Page, card: Card) {
	const cards = await readStore<Card>(page, 'cards');
	const notes = await readStore<Note>(page, 'notes');
	return {
		card: cards.find((c) => c.id === card.id)!,
		tags: notes.find((n) => n.id === card.noteId)!.tags
	};
}

async function answerAgain(page: Page, touch: boolean): Promise<void> {
	if (touch) {
		await press(page.getByRole('button', { name: 'Show answer' }), true);
		await press(page.getByRole('button', { name: /^Again/ }), true);
	} else {
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: /^Again/ })).toBeVisible();
		await page.keyboard.press('1');
	}
}

test('answering Again makes a leech: tagged and suspended, told, undone exactly, found by is:leech', async ({
	page,
	isMobile
}) => {
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	const threshold = page.getByLabel('Leech threshold (lapses)');
	await expect(threshold).toHaveValue('8');
	await expect(page.getByLabel('Leech action')).toHaveValue('tag');
	await threshold.fill('2');
	await page.getByLabel('Leech action').selectOption({ label: 'Tag and suspend' });
	await page.getByRole('button', { name: 'Save options' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();

	const card = await oneLapsedReviewCard(page);
	const before = await stored(page, card);
	expect(before.tags).not.toContain('leech');

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
	await answerAgain(page, isMobile);
	await expect(page.getByText('Leech: card tagged and suspended.')).toBeVisible();
	// Its relearning step would bring it back; suspended, it does not: the session is done.
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	const leech = await stored(page, card);
	expect(leech.card).toMatchObject({ queue: 'suspended', lapses: 2 });
	expect(leech.tags).toEqual([...before.tags, 'leech']);

	await press(page.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
	const undone = await stored(page, card);
	expect(undone.card).toMatchObject({ queue: 'review', lapses: 1 });
	expect(undone.tags).toEqual(before.tags);

	await answerAgain(page, isMobile);
	await expect(page.getByText('Leech: card tagged and suspended.')).toBeVisible();
	// The tag is the note's: is:leech finds every card of the note (as tag:leech does in Anki).
	const siblings = (await readStore<Card>(page, 'cards')).filter((c) => c.noteId === card.noteId);
	const n = siblings.length;
	await page.goto('/browse');
	await page.getByLabel('Search cards').fill('is:leech');
	await expect(page.getByTestId('result-count')).toHaveText(`${n} card${n === 1 ? '' : 's'}`);
	await expect(page.getByRole('grid', { name: 'Cards' }).getByRole('row')).toHaveCount(n);
});
