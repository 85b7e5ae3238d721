// Studying a parent deck studies its subdecks too, as in Anki: a person imports a real AnkiDroid
// deck whose parent holds no cards itself, sees the parent's counts on Today, studies the parent
// and answers cards that IndexedDB shows belong to its subdecks.
import { expect, test } from '@playwright/test';
import { answerGood, readStore, type StoredReview } from './fixtures';
import { FIXTURES, chooseFile, expectFinished, openImport } from './import-helpers';

interface StoredDeck {
	id: string;
	name: string;
}

test('Study on a parent deck shows cards from its subdecks, with the counts Today showed', async ({
	page,
	hasTouch
}) => {
	await openImport(page);
	await chooseFile(page, FIXTURES + 'ankidroid-templates-legacy1.apkg');
	await expectFinished(page, 48);

	const decks = await readStore<StoredDeck>(page, 'decks');
	const parent = decks.find((d) => d.name === '1-TEMPLATES')!;
	const subdeckIds = new Set(
		decks.filter((d) => d.name.startsWith('1-TEMPLATES::')).map((d) => d.id)
	);
	expect(parent).toBeDefined();
	expect(subdeckIds.size).toBeGreaterThan(1);
	const ownCards = (await readStore<{ deckId: string }>(page, 'cards')).filter(
		(c) => c.deckId === parent.id
	);
	expect(ownCards).toHaveLength(0);

	await page.goto('/');
	const row = page.getByRole('listitem').filter({
		has: page.getByRole('heading', { name: '1-TEMPLATES', exact: true })
	});
	const todayCounts = row.getByRole('img', { name: /new, .* learning, .* to review$/ }).first();
	const label = (await todayCounts.getAttribute('aria-label'))!;
	const [fresh, learning, review] = label.match(/\d+/g)!.map(Number);
	expect(fresh! + learning! + review!).toBeGreaterThan(0);

	const before = new Set((await readStore<StoredReview>(page, 'reviews')).map((r) => r.id));
	await page.getByRole('link', { name: 'Study 1-TEMPLATES', exact: true }).click();
	await expect(page.getByRole('status', { name: /^Remaining:/ })).toHaveAttribute(
		'aria-label',
		`Remaining: ${label}`
	);
	const answered = async () =>
		(await readStore<StoredReview>(page, 'reviews')).filter((r) => !before.has(r.id));
	for (let i = 1; i <= 3; i += 1) {
		await answerGood(page, hasTouch);
		await expect.poll(async () => (await answered()).length).toBe(i);
	}
	const deckOf = new Map(
		(await readStore<{ id: string; deckId: string }>(page, 'cards')).map((c) => [c.id, c.deckId])
	);
	for (const review of await answered()) {
		expect(subdeckIds.has(deckOf.get(review.cardId)!)).toBe(true);
	}
});
