// Bulk edits in pages against a real (fake-indexeddb) collection: every action over several
// pages gives the same result as the action at once and reports each page; "select all" applies
// to the search's matches minus the exceptions; undo puts every record back exactly (a sibling
// touched by two pages too); and a failure part-way puts back the pages already done.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import { parseSearch } from '$lib/domain/search/parse';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from '$lib/storage/db';
import { applyBulk, bulkCardIds, undoBulk, type BulkAction } from '$lib/storage/bulk-edit';
import { wrapTables } from './dbcore-wrap';
import { freshDb, NOW } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

let db: EngramDB;
let writesFailing = false;

beforeEach(async () => {
	db = freshDb();
	writesFailing = false;
	// The next card write fails once, as a full disk would, when a test arms it.
	wrapTables(db, 'one-failure', (table, name) => ({
		mutate: (req) => {
			if (writesFailing && name === 'cards') {
				writesFailing = false;
				return Promise.reject(
					new DOMException('The quota has been exceeded.', 'QuotaExceededError')
				);
			}
			return table.mutate(req);
		}
	}));
	const { seedDeck } = await import('$lib/storage/seed');
	const { bundledDeck } = await import('./helpers');
	await seedDeck(db, bundledDeck(), NOW);
	await db.decks.add({
		id: 'other',
		name: 'Other',
		description: '',
		presetId: 'default',
		createdAt: 0,
		mtime: 0
	});
});

/** Every card and note, mtime left out (an undo bumps it on purpose), sorted by id. */
async function contents() {
	const strip = <T extends { mtime: number; id: string }>(items: T[]) =>
		items.map((item) => ({ ...item, mtime: 0 })).sort((a, b) => a.id.localeCompare(b.id));
	const [cards, notes, reviews] = await Promise.all([
		db.cards.toArray(),
		db.notes.toArray(),
		db.reviews.count()
	]);
	return { cards: strip<CardRecord>(cards), notes: strip<NoteRecord>(notes), reviews };
}

async function allIds(): Promise<string[]> {
	// In noteId order, so a note's cards often fall on both sides of a page boundary.
	return (await db.cards.orderBy('noteId').toArray()).map((card) => card.id);
}

describe('applyBulk', () => {
	const cases: [BulkAction, string, (cards: CardRecord[]) => boolean, RegExp][] = [
		[
			'suspend',
			'',
			(cards) => cards.every((c) => c.queue === 'suspended'),
			/^\d+ cards suspended\.$/
		],
		['flag', '3', (cards) => cards.every((c) => c.flag === 3), /^\d+ cards flagged green\.$/],
		['move', 'other', (cards) => cards.every((c) => c.deckId === 'other'), /^\d+ cards moved\.$/],
		['delete', '', (cards) => cards.length === 0, /^\d+ notes \(\d+ cards\) deleted\.$/]
	];

	for (const [action, value, applied, message] of cases) {
		it(`${action}s every card page by page, and undo puts back every record`, async () => {
			const before = await contents();
			const ids = await allIds();
			const progress: number[] = [];
			const change = await applyBulk(db, ids, action, value, NOW, {
				pageSize: 7,
				onProgress: (done) => progress.push(done)
			});
			expect(applied(await db.cards.toArray())).toBe(true);
			expect(change.message).toMatch(message);
			expect(change.message).toContain(
				String(action === 'delete' ? before.notes.length : ids.length)
			);
			expect(progress).toHaveLength(Math.ceil(ids.length / 7));
			expect(progress.at(-1)).toBe(ids.length);

			await undoBulk(db, change, LATER);
			expect(await contents()).toEqual(before);
		});
	}

	it('resets to new, writing a review per card, and undo removes those reviews', async () => {
		const before = await contents();
		const change = await applyBulk(db, (await allIds()).slice(0, 20), 'reset', '', NOW, {
			pageSize: 6
		});
		expect(change.message).toBe('20 cards reset to new.');
		await undoBulk(db, change, LATER);
		expect(await contents()).toEqual(before);
	});

	it('puts back the pages already done when a page fails, and reports the failure', async () => {
		const before = await contents();
		const ids = await allIds();
		let pages = 0;
		const edit = applyBulk(db, ids, 'suspend', '', NOW, {
			pageSize: 10,
			onProgress: () => {
				pages += 1;
				writesFailing = pages === 3;
			}
		});
		await expect(edit).rejects.toThrow('quota');
		expect(pages).toBe(3);
		expect(await contents()).toEqual(before);
	});
});

describe('bulkCardIds', () => {
	it('takes every match of the search except the exceptions, or the listed ids', async () => {
		const parsed = parseSearch('is:new deck:"History::October 1917"');
		if (!parsed.ok) {
			throw new Error(parsed.error);
		}
		const search = {
			node: parsed.node,
			sort: 'due' as const,
			descending: false,
			dayEnd: studyDay(NOW).end
		};
		const all = await bulkCardIds(db, { search, except: [] });
		expect(all).toHaveLength(await db.cards.count());
		const except = [all[0]!, all[5]!];
		const rest = await bulkCardIds(db, { search, except });
		expect(rest).toEqual(all.filter((id) => !except.includes(id)));
		expect(await bulkCardIds(db, { ids: except })).toEqual(except);

		await applyBulk(db, rest, 'suspend', '', NOW);
		const unsuspended = await db.cards.where('queue').notEqual('suspended').primaryKeys();
		expect(unsuspended.sort()).toEqual([...except].sort());
	});
});
