// The bundled deck is "History::October 1917": "History" exists only as a name prefix. Studying it
// from Today must work as in Anki, where every parent is a deck: it becomes a real deck (default
// preset) and its session covers the subdeck's cards.
import { expect, test } from '@playwright/test';
import { answerGood, BUNDLED_DECK_ID, press, readStore, type StoredReview } from './fixtures';

interface StoredDeck {
	id: string;
	name: string;
	presetId: string;
}
interface StoredCardDeck {
	id: string;
	deckId: string;
}

test('a parent that is only a name prefix can be studied and gets its own options', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	const studyParent = page.getByRole('button', { name: 'Study History', exact: true });
	await expect(studyParent).toBeVisible();
	expect((await readStore<StoredDeck>(page, 'decks')).map((d) => d.name)).not.toContain('History');

	await press(studyParent, isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
	const parent = (await readStore<StoredDeck>(page, 'decks')).find((d) => d.name === 'History');
	expect(parent?.presetId).toBe('default');
	await expect(page).toHaveURL(new RegExp(`/study/${parent!.id}$`));

	await answerGood(page, isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const [review] = await readStore<StoredReview & { deckId: string }>(page, 'reviews');
	const cards = await readStore<StoredCardDeck>(page, 'cards');
	expect(cards.find((c) => c.id === review!.cardId)?.deckId).toBe(BUNDLED_DECK_ID);

	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Study History', exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Options for History', exact: true })).toBeVisible();
	expect(
		(await readStore<StoredDeck>(page, 'decks')).filter((d) => d.name === 'History')
	).toHaveLength(1);
});
