/**
 * A database written by an earlier version of Engram opens with the current EngramDB with every
 * record intact. Each old schema is copied here as it shipped, never imported from db.ts.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deckFileToRecords } from '$lib/domain/deck-records';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import type { CardRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { shuffleKey } from '$lib/domain/queue-policy';
import { Rating } from '$lib/domain/scheduler';
import { EngramDB } from '$lib/storage/db';
import { nextCard } from '$lib/storage/queue';
import { bundledDeck, NOW, answerShown } from './helpers';

const VERSION_1_STORES = {
	decks: 'id, name',
	noteTypes: 'id, name',
	notes: 'id, deckId, noteTypeId, *tags, mtime',
	cards: 'id, noteId, deckId, queue, due, [deckId+queue+due], [deckId+queue+position]',
	reviews: 'id, cardId, deckId, review, [cardId+review], [deckId+review]',
	media: 'hash, name',
	presets: 'id',
	settings: 'key'
};

const VERSION_2_STORES = {
	...VERSION_1_STORES,
	cards:
		'id, noteId, deckId, queue, due, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]'
};

const CURRENT_VERSION = 12;

const VERSION_4_STORES = {
	...VERSION_2_STORES,
	cards:
		'id, noteId, deckId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
	reviews:
		'id, cardId, deckId, review, [cardId+review], [deckId+review], [deckId+state+review], [deckId+rating+review]'
};

const VERSION_5_STORES = { ...VERSION_4_STORES, tombstones: '[table+id], deletedAt' };

const VERSION_6_STORES = {
	...VERSION_5_STORES,
	notes: 'id, deckId, noteTypeId, *tags, mtime, createdAt',
	bulkUndo: '[changeId+page]'
};

const VERSION_7_STORES = { ...VERSION_6_STORES, deckUndo: 'id' };

const VERSION_8_STORES = {
	...VERSION_7_STORES,
	cards:
		'id, noteId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
	reviews: 'id, cardId, review, [deckId+review], [deckId+state+review], [deckId+rating+review]'
};

const VERSION_9_STORES = {
	...VERSION_8_STORES,
	journal: 'id',
	journalUndo: '[journalId+seq]'
};

const VERSION_10_STORES = {
	...VERSION_9_STORES,
	limitExtensions: 'id, deckId',
	filteredDecks: 'id, homeDeckId',
	previews: 'id, cardId, [filteredId+answeredAt]'
};

const VERSION_11_STORES = {
	...VERSION_10_STORES,
	journalOpen: 'id'
};

/** One review row as every version stored it (cardId and deckId filled in by each test). */
const REVIEW = {
	id: 'review-1',
	rating: Rating.Good,
	state: 0,
	due: NOW,
	stability: 0,
	difficulty: 0,
	elapsed_days: 0,
	last_elapsed_days: 0,
	scheduled_days: 0,
	learning_steps: 0,
	cardDue: NOW,
	review: NOW,
	duration: 2000
};

async function writeVersion1(name: string) {
	const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
	const review = { ...REVIEW, cardId: cards[0]!.id, deckId: deck.id };
	const data = {
		decks: [deck],
		noteTypes: Object.values(BUILTIN_NOTE_TYPES),
		notes,
		cards,
		reviews: [review],
		media: [
			{ hash: 'ab12', name: 'a.png', type: 'image/png', bytes: new ArrayBuffer(3), mtime: 1 }
		],
		presets: [{ ...DEFAULT_PRESET, newPerDay: 7 }],
		settings: [{ key: 'dayStartHour', value: 5 }]
	};
	await writeOld(name, 1, VERSION_1_STORES, data);
	return data;
}

/** Writes the rows, by table, into a database of an old version with that version's stores. */
async function writeOld(
	name: string,
	version: number,
	stores: Record<string, string>,
	data: Record<string, unknown[]>
): Promise<void> {
	const old = new Dexie(name);
	old.version(version).stores(stores);
	await old.transaction('rw', old.tables, async () => {
		for (const [table, rows] of Object.entries(data)) {
			await old.table(table).bulkAdd(rows);
		}
	});
	expect(old.verno).toBe(version);
	old.close();
}

/**
 * A table's rows as stored, the cards without `newPosition` once it is checked to be set exactly
 * on the new queue's cards (schema 12 adds it to them, and to no other card).
 */
async function storedRows(db: EngramDB, table: string): Promise<Record<string, unknown>[]> {
	const rows = await db.table(table).toArray();
	if (table !== 'cards') {
		return rows;
	}
	return (rows as CardRecord[]).map(({ newPosition, ...card }) => {
		expect(newPosition).toBe(card.queue === 'new' ? card.position : undefined);
		return card;
	});
}

/** Opens `name` as the current version and checks every row of `data` is still stored, as written. */
async function openKeepingEveryRow(
	name: string,
	data: Record<string, unknown[]>
): Promise<EngramDB> {
	const db = new EngramDB(name);
	await db.open();
	expect(db.verno).toBe(CURRENT_VERSION);
	for (const [table, rows] of Object.entries(data)) {
		const stored = await storedRows(db, table);
		expect(stored).toHaveLength(rows.length);
		expect(stored).toEqual(expect.arrayContaining(rows));
	}
	return db;
}

/**
 * The bundled deck as a version 6 to 8 database stored it: shuffled cards, one review, the
 * default preset and a finished bulk edit's undo row.
 */
function bundledDeckRows() {
	const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
	const data: Record<string, unknown[]> = {
		decks: [deck],
		noteTypes: Object.values(BUILTIN_NOTE_TYPES),
		notes,
		cards: cards.map((card) => ({ ...card, shuffle: shuffleKey(card.id) })),
		reviews: [{ ...REVIEW, cardId: cards[0]!.id, deckId: deck.id }],
		presets: [DEFAULT_PRESET],
		bulkUndo: [{ changeId: 'c', page: -1, message: 'm', at: 1, finished: true }]
	};
	return { deck, cards, data };
}

describe('schema migrations', () => {
	it('opens a version 1 database with everything intact and upgraded', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const written = await writeVersion1(name);
		const db = new EngramDB(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_VERSION);
		for (const [table, rows] of Object.entries(written)) {
			const stored = await storedRows(db, table);
			const key = table === 'media' ? 'hash' : table === 'settings' ? 'key' : 'id';
			const byKey = new Map(stored.map((row: Record<string, unknown>) => [row[key], row]));
			expect(stored).toHaveLength(rows.length);
			for (const row of rows as Record<string, unknown>[]) {
				// Everything written is still there; version 2 only adds the shuffle key to cards.
				expect(byKey.get(row[key])).toEqual(
					table === 'cards' ? { ...row, shuffle: shuffleKey(row.id as string) } : row
				);
			}
		}
		// The new index works on the old cards, and they can be studied as before.
		const deckId = written.decks[0]!.id;
		await db.presets.put({ ...DEFAULT_PRESET, newOrder: 'random' });
		const card = (await nextCard(db, deckId, NOW))!;
		expect(card).toBeDefined();
		await answerShown(db, card.id, Rating.Good, NOW);
		expect(await db.reviews.count()).toBe(2);
		db.close();
	});

	it('opens a version 2 database as the current version: flagged cards are found through the flag index', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(2).stores(VERSION_2_STORES);
		const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
		const flagged = cards.map((card, i) => ({
			...card,
			shuffle: shuffleKey(card.id),
			...(i % 3 === 0 ? { flag: (i % 7) + 1 } : {})
		}));
		await old.transaction('rw', old.tables, async () => {
			await old.table('decks').add(deck);
			await old.table('notes').bulkAdd(notes);
			await old.table('cards').bulkAdd(flagged);
		});
		old.close();

		const db = new EngramDB(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_VERSION);
		expect(await storedRows(db, 'cards')).toEqual(
			[...flagged].sort((a, b) => (a.id < b.id ? -1 : 1))
		);
		expect(await db.notes.count()).toBe(notes.length);
		const red = flagged.filter((card) => card.flag === 1).map((card) => card.id);
		expect(red.length).toBeGreaterThan(0);
		expect((await db.cards.where('flag').equals(1).primaryKeys()).sort()).toEqual(red.sort());
		expect(await db.cards.where('flag').above(0).count()).toBe(
			flagged.filter((card) => card.flag).length
		);
		db.close();
	});

	it('opens a version 4 database as the current version: every record kept, deletions leave tombstones', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
		const shuffled = cards.map((card) => ({ ...card, shuffle: shuffleKey(card.id) }));
		const data: Record<string, unknown[]> = {
			decks: [deck],
			noteTypes: Object.values(BUILTIN_NOTE_TYPES),
			notes,
			cards: shuffled,
			presets: [DEFAULT_PRESET],
			settings: [{ key: 'dayStartHour', value: 5 }]
		};
		await writeOld(name, 4, VERSION_4_STORES, data);

		const db = new EngramDB(name);
		await db.open();
		expect(db.verno).toBe(CURRENT_VERSION);
		for (const [table, rows] of Object.entries(data)) {
			const key = table === 'settings' ? 'key' : 'id';
			const byKey = (a: unknown, b: unknown) =>
				String((a as Record<string, unknown>)[key]) < String((b as Record<string, unknown>)[key])
					? -1
					: 1;
			expect(await storedRows(db, table)).toEqual([...rows].sort(byKey));
		}
		expect(await db.tombstones.count()).toBe(0);
		// The new table works on the old records: deleting a note leaves its tombstones.
		const { deleteNotes } = await import('$lib/storage/notes');
		await deleteNotes(db, [notes[0]!.id], NOW);
		expect(await db.tombstones.where('[table+id]').equals(['notes', notes[0]!.id]).count()).toBe(1);
		db.close();
	});

	it('opens a version 5 database as the current version: every record kept, added: through createdAt', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
		// Notes added one a day over the last weeks, newest last.
		const dated = notes.map((note, i) => ({
			...note,
			createdAt: NOW.getTime() - (notes.length - i) * 86_400_000
		}));
		const data: Record<string, unknown[]> = {
			decks: [deck],
			noteTypes: Object.values(BUILTIN_NOTE_TYPES),
			notes: dated,
			cards: cards.map((card) => ({ ...card, shuffle: shuffleKey(card.id) })),
			reviews: [{ ...REVIEW, cardId: cards[0]!.id, deckId: deck.id }],
			presets: [DEFAULT_PRESET],
			settings: [{ key: 'dayStartHour', value: 5 }],
			tombstones: [{ table: 'notes', id: 'gone', deletedAt: 1 }]
		};
		await writeOld(name, 5, VERSION_5_STORES, data);

		const db = await openKeepingEveryRow(name, data);
		// The new index serves the old notes: the last five days' notes, by hand and by index.
		const since = NOW.getTime() - 5.5 * 86_400_000;
		const byHand = dated.filter((note) => note.createdAt >= since).map((note) => note.id);
		expect(byHand.length).toBe(5);
		expect((await db.notes.where('createdAt').aboveOrEqual(since).primaryKeys()).sort()).toEqual(
			byHand.sort()
		);
		// And the new table takes a bulk edit's undo.
		const { applyBulk, undoBulk } = await import('$lib/storage/bulk-edit');
		const change = await applyBulk(db, [cards[0]!.id], 'suspend', '', NOW);
		expect(await db.bulkUndo.count()).toBe(2);
		await undoBulk(db, change.changeId, NOW);
		expect(await db.bulkUndo.count()).toBe(0);
		db.close();
	});

	it('opens a version 6 database as the current version: records and bulk undo kept, a deck deletion undone', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, cards, data } = bundledDeckRows();
		await writeOld(name, 6, VERSION_6_STORES, data);

		const db = await openKeepingEveryRow(name, data);
		// The new table takes a deck deletion's undo.
		const { deleteDeck, undoDeckDeletion } = await import('$lib/storage/deck-delete');
		const { undoId } = await deleteDeck(db, deck.id, NOW);
		expect(await db.cards.count()).toBe(0);
		await undoDeckDeletion(db, undoId, NOW);
		expect(await db.cards.count()).toBe(cards.length);
		expect(await db.deckUndo.count()).toBe(0);
		db.close();
	});

	it('opens a version 7 database as the current version: every row kept, deck queries without the dropped indexes', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, notes, cards } = deckFileToRecords(bundledDeck(), NOW);
		const other = { ...deck, id: 'other-deck', name: 'Other' };
		const moved = cards.map((card, i) => ({
			...card,
			shuffle: shuffleKey(card.id),
			...(i % 4 === 0 ? { deckId: other.id } : {})
		}));
		const reviews = moved.slice(0, 6).map((card, i) => ({
			...REVIEW,
			id: `review-${i}`,
			cardId: card.id,
			deckId: card.deckId,
			review: new Date(NOW.getTime() - i * 60_000)
		}));
		const data: Record<string, unknown[]> = {
			decks: [deck, other],
			noteTypes: Object.values(BUILTIN_NOTE_TYPES),
			notes,
			cards: moved,
			reviews,
			presets: [DEFAULT_PRESET],
			bulkUndo: [{ changeId: 'c', page: -1, message: 'm', at: 1, finished: true }],
			deckUndo: [
				{ id: 'u', at: 1, message: 'Deck deleted.', decks: [], notes: [], cards: [], rehomed: [] }
			]
		};
		await writeOld(name, 7, VERSION_7_STORES, data);

		const db = await openKeepingEveryRow(name, data);
		const indexes = (table: string) => db.table(table).schema.indexes.map((index) => index.name);
		expect(indexes('cards')).not.toContain('deckId');
		expect(indexes('reviews')).not.toContain('deckId');
		expect(indexes('reviews')).not.toContain('[cardId+review]');
		// Each deck's cards and reviews are found through the compound indexes instead.
		const { cardsInDecks, reviewsInDecks } = await import('$lib/storage/deck-rows');
		for (const id of [deck.id, other.id]) {
			const mine = (rows: { id: string; deckId: string }[]) =>
				rows.filter((row) => row.deckId === id).map((row) => row.id);
			expect((await cardsInDecks(db, [id]).primaryKeys()).sort()).toEqual(mine(moved).sort());
			expect((await reviewsInDecks(db, [id]).primaryKeys()).sort()).toEqual(mine(reviews).sort());
		}
		expect(await cardsInDecks(db, [deck.id, other.id]).count()).toBe(cards.length);
		db.close();
	});

	it('opens a version 8 database as the current version: every row kept, a restore journaled and its journal gone', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { data } = bundledDeckRows();
		await writeOld(name, 8, VERSION_8_STORES, data);

		const db = await openKeepingEveryRow(name, data);
		expect(await db.journal.count()).toBe(0);
		// The new tables carry a restore of the collection onto itself, and are empty after it.
		const { createBackup, restoreBackup } = await import('$lib/storage/backup');
		const { bulkUndo, ...kept } = data;
		expect(bulkUndo).toHaveLength(1);
		await restoreBackup(db, await createBackup(db, NOW), 'replace', { now: NOW });
		for (const [table, rows] of Object.entries(kept)) {
			expect(await storedRows(db, table), table).toEqual(expect.arrayContaining(rows));
		}
		expect(await db.bulkUndo.count()).toBe(0);
		expect(await db.journal.count()).toBe(0);
		expect(await db.journalUndo.count()).toBe(0);
		// The upgraded database is guarded (journal-guard.ts): no write while a journal is open.
		await db.journal.add({ id: 'open-elsewhere', kind: 'import', state: 'open', startedAt: 0 });
		await db.journalOpen.add({ id: 'open' });
		await expect(db.settings.put({ key: 'guarded', value: 1, mtime: 0 })).rejects.toMatchObject({
			name: 'JournalBusyError'
		});
		await db.journal.delete('open-elsewhere');
		await db.journalOpen.delete('open');
		db.close();
	});

	it('opens a version 9 database as the current version: every row kept, custom study tables ready', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, cards, data } = bundledDeckRows();
		await writeOld(name, 9, VERSION_9_STORES, data);

		const db = await openKeepingEveryRow(name, data);
		expect(await db.limitExtensions.count()).toBe(0);
		expect(await db.filteredDecks.count()).toBe(0);
		const { customStudy } = await import('$lib/storage/custom-study');
		const { dueCounts } = await import('$lib/storage/queue');
		// The preset's 20 new cards less the one answered today, then 5 more once raised.
		expect((await dueCounts(db, deck.id, NOW)).new).toBe(19);
		await customStudy(db, deck.id, { kind: 'new-limit', delta: 5 }, NOW);
		expect((await dueCounts(db, deck.id, NOW)).new).toBe(24);
		const all = { kind: 'cram', cram: 'all', limit: 3, include: [], exclude: [] } as const;
		expect(await customStudy(db, deck.id, all, NOW)).toMatchObject({ kind: 'filtered', count: 3 });
		expect(await db.cards.count()).toBe(cards.length);
		db.close();
	});

	it('opens a version 10 database whose import was cut short: writes refused until it is rolled back', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, data } = bundledDeckRows();
		const added = { ...deck, id: 'deck-imported', name: 'Imported' };
		const journalId = 'import-1-crashed';
		const crashed = {
			...data,
			decks: [deck, added],
			journal: [{ id: journalId, kind: 'import', state: 'open', startedAt: 0 }],
			journalUndo: [{ journalId, seq: 1, table: 'decks', added: [added.id], before: [] }]
		};
		await writeOld(name, 10, VERSION_10_STORES, crashed);

		const db = await openKeepingEveryRow(name, crashed);
		// The upgrade gave the open journal its row (journal-guard.ts): other writes are refused.
		expect(await db.journalOpen.toArray()).toEqual([{ id: 'open' }]);
		const write = () => db.settings.put({ key: 'after', value: 1, mtime: 0 });
		await expect(write()).rejects.toMatchObject({ name: 'JournalBusyError' });
		const { rollBackInterruptedWrites } = await import('$lib/storage/interrupted-writes');
		const { recoverJournals } = await import('$lib/storage/write-journal');
		// The refusal may already have rolled it back (nobody holds the journal's lock).
		await recoverJournals(db, { wait: true });
		expect(await rollBackInterruptedWrites(db)).toBe(false);
		expect(await db.decks.get(added.id)).toBeUndefined();
		expect(await db.journal.count()).toBe(0);
		expect(await db.journalOpen.count()).toBe(0);
		await write();
		expect(await db.settings.get('after')).toMatchObject({ value: 1 });
		db.close();
	});
	it('opens a version 11 database as the current version: only new cards rewritten, every queue still found by index', async () => {
		const name = `engram-migration-${crypto.randomUUID()}`;
		const { deck, cards, data } = bundledDeckRows();
		const other = { ...deck, id: 'other-deck', name: 'Other' };
		const dayAgo = new Date(NOW.getTime() - 86_400_000);
		const review = { queue: 'review', state: 2, due: dayAgo, reps: 3 } as const;
		// Every queue, both decks, flags as version 11 wrote them (0 after a flag was cleared).
		const varied = (data.cards as CardRecord[]).map((card, i): CardRecord => {
			switch (i) {
				case 0:
					return { ...card, ...review, flag: 0 };
				case 1:
					return { ...card, ...review, flag: 3 };
				case 2:
					return { ...card, queue: 'learning', state: 1, due: new Date(NOW.getTime() - 60_000) };
				case 3:
					return { ...card, queue: 'suspended' };
				case 4:
					return { ...card, ...review, queue: 'buried', buriedUntil: NOW.getTime() - 1 };
				default:
					return i % 3 === 0 ? { ...card, deckId: other.id } : card;
			}
		});
		const written = { ...data, decks: [deck, other], cards: varied, journalOpen: [] };
		await writeOld(name, 11, VERSION_11_STORES, written);

		const db = await openKeepingEveryRow(name, written);
		const indexes = db.cards.schema.indexes.map((index) => index.name);
		expect(indexes).toContain('[deckId+queue+newPosition]');
		expect(indexes).not.toContain('queue');
		expect(indexes).not.toContain('[deckId+queue+position]');
		// Each queue through the indexes that replace `queue`, the new cards in deck order.
		const ids = (keep: (card: CardRecord) => boolean) => varied.filter(keep).map((card) => card.id);
		const { newCards } = await import('$lib/storage/queue-counts');
		for (const id of [deck.id, other.id]) {
			const mine = varied.filter((card) => card.deckId === id && card.queue === 'new');
			mine.sort((a, b) => a.position - b.position);
			expect(await newCards(db, id).primaryKeys()).toEqual(mine.map((card) => card.id));
		}
		const { answerLeaf } = await import('$lib/storage/browse-index');
		const sources = { decks: [deck, other], noteTypes: [], presets: [], dayEnd: NOW };
		for (const state of ['new', 'learning', 'review', 'suspended', 'buried', 'due'] as const) {
			const answer = await answerLeaf(db, { kind: 'is', state }, sources);
			const want = ids((card) =>
				state === 'due' ? ['learning', 'review'].includes(card.queue) : card.queue === state
			);
			expect([...answer.ids!].sort(), state).toEqual(want.sort());
		}
		// Studied as before: the learning card first, then (random order) only new cards.
		expect((await nextCard(db, deck.id, NOW))?.id).toBe(varied[2]!.id);
		const { unburyExpired, suspendCards } = await import('$lib/storage/card-actions');
		expect(await unburyExpired(db, NOW)).toBe(1);
		// A card written again follows the rule: a review card loses `shuffle` and a zero flag;
		// one reset to new is back in the deck order, at its old position.
		await suspendCards(db, [varied[0]!.id], NOW);
		const suspended = (await db.cards.get(varied[0]!.id))!;
		expect(suspended).not.toHaveProperty('shuffle');
		expect(suspended).not.toHaveProperty('flag');
		const { resetCards } = await import('$lib/storage/card-reset');
		await resetCards(db, [varied[1]!.id], NOW);
		expect(await db.cards.get(varied[1]!.id)).toMatchObject({
			queue: 'new',
			newPosition: varied[1]!.position,
			shuffle: shuffleKey(varied[1]!.id)
		});
		expect(await newCards(db, deck.id).primaryKeys()).toContain(varied[1]!.id);
		expect(await db.cards.count()).toBe(cards.length);
		db.close();
	});
});
