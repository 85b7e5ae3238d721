/**
 * Studying a parent deck covers its subdecks, as in Anki: the queue merges every deck of the
 * subtree, under the studied deck's limits, and leaves out decks that only share a name prefix.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { Rating, State } from '$lib/domain/scheduler';
import type { EngramDB } from '$lib/storage/db';
import { ensureDeckAtPath } from '$lib/storage/decks';
import { dueCounts, nextCard, nextDueAt, studyScope } from '$lib/storage/queue';
import { answerShown, emptyDeckDb, makeCard, NOW } from './helpers';

const DAY = 86_400_000;

async function addDeck(db: EngramDB, id: string, name: string, presetId = 'default') {
	const time = NOW.getTime();
	await db.decks.add({ id, name, description: '', presetId, createdAt: time, mtime: time });
}

/** `Test` (deck-1) with `Test::Child`, `Test::Child::Grand`, and two decks that are not beneath it. */
async function family(cards: CardRecord[], preset: Partial<DeckPreset> = {}) {
	const { db } = await emptyDeckDb();
	await db.presets.put({ ...DEFAULT_PRESET, ...preset });
	await addDeck(db, 'child', 'Test::Child');
	await addDeck(db, 'grand', 'Test::Child::Grand');
	await addDeck(db, 'testing', 'Testing');
	await addDeck(db, 'other', 'Other::Test');
	await db.cards.bulkAdd(cards);
	return db;
}

const review = (deckId: string, i: number, dueOffset: number) =>
	makeCard(deckId, i, { state: State.Review, due: new Date(NOW.getTime() + dueOffset) });

async function studyAll(db: EngramDB, deckId: string, limit = 50): Promise<string[]> {
	const seen: string[] = [];
	for (let i = 0; i < limit; i += 1) {
		const card = await nextCard(db, deckId, NOW);
		if (!card) {
			break;
		}
		seen.push(card.id);
		await answerShown(db, card.id, Rating.Easy, NOW);
	}
	return seen;
}

describe('studying a parent deck', () => {
	it('covers the deck and its subdecks, not decks that only share a prefix', async () => {
		const db = await family([]);
		const scope = await studyScope(db, 'deck-1');
		expect(scope.deckIds).toEqual(['deck-1', 'child', 'grand']);
		expect((await studyScope(db, 'child')).deckIds).toEqual(['child', 'grand']);
		expect((await studyScope(db, 'grand')).deckIds).toEqual(['grand']);
	});

	it('counts and shows cards of every subdeck, earliest due review first', async () => {
		const db = await family([
			review('deck-1', 1, -DAY),
			review('grand', 2, -3 * DAY),
			review('child', 3, -2 * DAY),
			review('testing', 4, -4 * DAY),
			review('other', 5, -4 * DAY),
			makeCard('child', 6)
		]);
		expect(await dueCounts(db, 'deck-1', NOW)).toEqual({ new: 1, learning: 0, review: 3 });
		expect(await dueCounts(db, 'child', NOW)).toEqual({ new: 1, learning: 0, review: 2 });
		const seen = await studyAll(db, 'deck-1');
		expect(seen.filter((id) => !id.startsWith('child-card-6'))).toEqual([
			'grand-card-2',
			'child-card-3',
			'deck-1-card-1'
		]);
		expect(seen).toContain('child-card-6');
		expect(await dueCounts(db, 'deck-1', NOW)).toEqual({ new: 0, learning: 0, review: 0 });
		// The decks outside the subtree were not touched.
		expect((await db.cards.get('testing-card-4'))?.reps).toBe(3);
		expect(await dueCounts(db, 'testing', NOW)).toMatchObject({ review: 1 });
	});

	it('applies the parent deck’s limits to the whole subtree', async () => {
		const cards = [
			...[1, 2].map((i) => makeCard('deck-1', i)),
			...[3, 4, 5].map((i) => makeCard('child', i)),
			...[6, 7].map((i) => makeCard('grand', i))
		];
		const { db } = await emptyDeckDb();
		await db.presets.put({ ...DEFAULT_PRESET, newPerDay: 3 });
		await db.presets.put({ ...DEFAULT_PRESET, id: 'generous', name: 'Generous', newPerDay: 50 });
		await addDeck(db, 'child', 'Test::Child', 'generous');
		await addDeck(db, 'grand', 'Test::Child::Grand', 'generous');
		await db.cards.bulkAdd(cards);

		expect((await dueCounts(db, 'deck-1', NOW)).new).toBe(3);
		// Deck order: the parent's own new cards, then its subdecks' in name order.
		expect(await studyAll(db, 'deck-1')).toEqual([
			'deck-1-card-1',
			'deck-1-card-2',
			'child-card-3'
		]);
		expect((await dueCounts(db, 'deck-1', NOW)).new).toBe(0);
		// The child, studied alone, has its own limit and its own answers today.
		expect((await dueCounts(db, 'child', NOW)).new).toBe(4);
	});

	it('random order draws new cards from the whole subtree', async () => {
		// Ids shaped like real ones (unique at the start), so their shuffle keys spread out.
		const fresh = (deckId: string, i: number) => makeCard(deckId, i, { id: `${i}-${deckId}` });
		const cards = ['deck-1', 'child', 'grand'].flatMap((deckId) =>
			Array.from({ length: 10 }, (_, i) => fresh(deckId, i))
		);
		const db = await family(cards, { newOrder: 'random', newPerDay: 30 });
		const seen = await studyAll(db, 'deck-1');
		expect(new Set(seen).size).toBe(30);
		const decksOfFirstTen = new Set(
			seen.slice(0, 10).map((id) => id.split('-').slice(1).join('-'))
		);
		expect(decksOfFirstTen.size).toBeGreaterThan(1);
	});

	it('names when a subdeck next has a card', async () => {
		const db = await family([review('grand', 1, 2 * DAY)]);
		expect(await nextCard(db, 'deck-1', NOW)).toBeUndefined();
		expect(await nextDueAt(db, 'deck-1', NOW)).toEqual(new Date(2026, 2, 12, 4, 0));
		expect(await nextDueAt(db, 'testing', NOW)).toBeUndefined();
	});
});

describe('a parent deck that exists only as a name prefix', () => {
	it('becomes a real deck on the default preset, once, and then covers its subdecks', async () => {
		const { db } = await emptyDeckDb();
		await addDeck(db, 'child', 'Prefix::Child');
		await addDeck(db, 'grand', 'Prefix::Child::Grand');
		await db.cards.bulkAdd([review('child', 1, -DAY), review('grand', 2, -DAY)]);
		const before = await db.decks.count();

		const id = await ensureDeckAtPath(db, 'Prefix', NOW);
		const again = await ensureDeckAtPath(db, 'Prefix', NOW);

		expect(again).toBe(id);
		expect(await db.decks.count()).toBe(before + 1);
		const deck = await db.decks.get(id);
		expect(deck).toMatchObject({ name: 'Prefix', presetId: DEFAULT_PRESET.id });
		expect((await studyScope(db, id)).deckIds).toEqual([id, 'child', 'grand']);
		expect((await dueCounts(db, id, NOW)).review).toBe(2);
	});

	it('returns the existing deck when the path is already a deck', async () => {
		const { db } = await emptyDeckDb();
		const before = await db.decks.count();
		const existing = (await db.decks.toArray())[0]!;
		expect(await ensureDeckAtPath(db, existing.name, NOW)).toBe(existing.id);
		expect(await db.decks.count()).toBe(before);
	});
});
