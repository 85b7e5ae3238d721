// Bulk edits in pages against a real (fake-indexeddb) collection: every action over several
// pages gives the same result as the action at once and reports each page; "select all" applies
// to the search's matches minus the exceptions; undo puts every record back exactly (a sibling
// touched by two pages too); a failure or a cancel part-way puts back the pages already done;
// the undo is stored, so it works from another connection (a reload) and survives an undo cut
// short or cancelled; a field action's undo keeps what else changed on a card since; and a page
// reads and writes each card once (a reset too), as a study screen's card action reads by range.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import { parseSearch } from '$lib/domain/search/parse';
import { resetOptionsText } from '$lib/domain/reset-options';
import { studyDay } from '$lib/domain/study-day';
import type { EngramDB } from '$lib/storage/db';
import { EngramDB as Database } from '$lib/storage/db';
import {
	applyBulk,
	BulkCancelled,
	bulkCardIds,
	forgetBulkChange,
	lastBulkChange,
	undoBulk,
	UNDO_CANCELLED,
	type BulkAction
} from '$lib/storage/bulk-edit';
import { flagCards, suspendCards } from '$lib/storage/card-actions';
import { wrapTables } from './dbcore-wrap';
import { freshDb, NOW } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

let db: EngramDB;
let writesFailing = false;
/** Card writes that fail after the one writesFailing arms. */
let moreFailures = 0;

beforeEach(async () => {
	db = freshDb();
	writesFailing = false;
	moreFailures = 0;
	// The next card write fails once, as a full disk would, when a test arms it.
	wrapTables(db, 'one-failure', (table, name) => ({
		mutate: (req) => {
			if (writesFailing && name === 'cards') {
				writesFailing = moreFailures > 0;
				moreFailures = Math.max(0, moreFailures - 1);
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

/** A bulk suspend in pages of 10 whose card writes start failing once three pages are done. */
function suspendFailingAfterThreePages(ids: readonly string[]) {
	let pages = 0;
	const done = applyBulk(db, ids, 'suspend', '', NOW, {
		pageSize: 10,
		onProgress: (_done, _total, undoing) => {
			pages += undoing ? 0 : 1;
			writesFailing = pages === 3 && !undoing;
		}
	});
	return { done, pages: () => pages };
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

			await undoBulk(db, change.changeId, LATER);
			expect(await contents()).toEqual(before);
		});
	}

	it('resets to new, writing a review per card, and undo removes those reviews', async () => {
		const before = await contents();
		const change = await applyBulk(db, (await allIds()).slice(0, 20), 'reset', '', NOW, {
			pageSize: 6
		});
		expect(change.message).toBe('20 cards reset to new.');
		await undoBulk(db, change.changeId, LATER);
		expect(await contents()).toEqual(before);
	});

	it('puts back the pages already done when a page fails, and reports the failure', async () => {
		const before = await contents();
		const ids = await allIds();
		const edit = suspendFailingAfterThreePages(ids);
		await expect(edit.done).rejects.toThrow('quota');
		expect(edit.pages()).toBe(3);
		expect(await contents()).toEqual(before);
		expect(await db.bulkUndo.count()).toBe(0);
	});

	it('stops when cancelled, puts back the pages done with progress, and keeps no undo', async () => {
		const before = await contents();
		const ids = await allIds();
		const controller = new AbortController();
		const seen: [number, number, boolean][] = [];
		const edit = applyBulk(db, ids, 'move', 'other', NOW, {
			pageSize: 10,
			signal: controller.signal,
			onProgress: (done, total, undoing) => {
				seen.push([done, total, undoing]);
				if (done === 30) {
					controller.abort();
				}
			}
		});
		await expect(edit).rejects.toThrow(BulkCancelled);
		// Three pages done, then those three put back, the last first.
		expect(seen).toEqual([
			[10, ids.length, false],
			[20, ids.length, false],
			[30, ids.length, false],
			[1, 3, true],
			[2, 3, true],
			[3, 3, true]
		]);
		expect(await contents()).toEqual(before);
		expect(await db.bulkUndo.count()).toBe(0);
		expect(await lastBulkChange(db)).toBeUndefined();
	});

	it('keeps the undo in the database: another connection (a reload) finds and undoes it', async () => {
		const before = await contents();
		const change = await applyBulk(db, await allIds(), 'suspend', '', NOW, { pageSize: 9 });
		db.close();
		const reopened = new Database(db.name);
		expect(await lastBulkChange(reopened)).toEqual(change);
		const progress: number[] = [];
		await undoBulk(reopened, change.changeId, LATER, { onProgress: (done) => progress.push(done) });
		expect(progress).toEqual(progress.map((_, i) => i + 1));
		expect(progress.length).toBe(Math.ceil(before.cards.length / 9));
		db = reopened;
		expect(await contents()).toEqual(before);
		expect(await lastBulkChange(db)).toBeUndefined();
		await expect(undoBulk(db, change.changeId, LATER)).rejects.toThrow('can no longer be undone');
	});

	it('an edit cut short where it could not put back (a crash, a second failure) stays undoable', async () => {
		const before = await contents();
		const ids = await allIds();
		// The fourth page's write fails, and so does the first write putting back the others.
		const edit = suspendFailingAfterThreePages(ids);
		moreFailures = 1;
		await expect(edit.done).rejects.toThrow('quota');
		expect(edit.pages()).toBe(3);
		const left = await lastBulkChange(db);
		expect(left?.message).toBe(`An interrupted suspend of ${ids.length} cards can be undone.`);
		expect(await db.cards.filter((card) => card.queue === 'suspended').count()).toBeGreaterThan(0);
		await undoBulk(db, left!.changeId, LATER);
		expect(await contents()).toEqual(before);
		expect(await db.bulkUndo.count()).toBe(0);
	});

	it('offers only the latest change, and forgets one when asked', async () => {
		const ids = await allIds();
		const first = await applyBulk(db, ids.slice(0, 5), 'flag', '2', NOW, { pageSize: 2 });
		const second = await applyBulk(db, ids.slice(5, 9), 'suspend', '', NOW, { pageSize: 2 });
		expect(await lastBulkChange(db)).toEqual(second);
		await expect(undoBulk(db, first.changeId, LATER)).rejects.toThrow('can no longer be undone');
		await forgetBulkChange(db, second.changeId);
		expect(await db.bulkUndo.count()).toBe(0);
	});

	it('an undo cut short by a failure can be finished later, and ends exact', async () => {
		const before = await contents();
		const change = await applyBulk(db, await allIds(), 'flag', '5', NOW, { pageSize: 8 });
		let pages = 0;
		const undo = undoBulk(db, change.changeId, LATER, {
			onProgress: () => {
				pages += 1;
				writesFailing = pages === 2;
			}
		});
		await expect(undo).rejects.toThrow('quota');
		expect(await lastBulkChange(db)).toEqual(change);
		await undoBulk(db, change.changeId, LATER);
		expect(await contents()).toEqual(before);
	});

	it('puts back only the fields it changed: what happened to a card since stays', async () => {
		const ids = await allIds();
		const [card] = await db.cards.bulkGet([ids[0]!]);
		const change = await applyBulk(db, ids, 'move', 'other', NOW, { pageSize: 50 });
		// Since the move, the first card was flagged and answered (its reps went up).
		await db.cards.update(ids[0]!, { flag: 4, reps: card!.reps + 1, mtime: LATER.getTime() });
		await undoBulk(db, change.changeId, LATER);
		const after = (await db.cards.get(ids[0]!))!;
		expect(after).toMatchObject({ deckId: card!.deckId, flag: 4, reps: card!.reps + 1 });
		expect(after.mtime).toBeGreaterThan(LATER.getTime());
	});
});

describe('the work a page does', () => {
	/** Card reads right above IndexedDB, below Dexie's hooks: requests, and records per request. */
	function countCardIo() {
		const io = { ranges: [] as number[], byId: 0, keys: [] as number[], written: 0 };
		// Middleware is set before a connection opens: count on a new one.
		db.close();
		db = new Database(db.name);
		db.use({
			stack: 'dbcore',
			name: 'count-card-io',
			level: 0,
			create: (down) => ({
				...down,
				table: (name) => {
					const table = down.table(name);
					return name !== 'cards'
						? table
						: {
								...table,
								getMany: (req) => {
									io.keys.push(req.keys.length);
									return table.getMany(req);
								},
								query: (req) =>
									table.query(req).then((res) => {
										io.ranges.push(res.result.length);
										// Cards read by their ids (card-pages.ts), not by an index.
										io.byId += req.query.index.isPrimaryKey ? res.result.length : 0;
										return res;
									}),
								mutate: (req) => {
									io.written += req.type === 'put' ? req.values.length : 0;
									return table.mutate(req);
								}
							};
				}
			})
		});
		return io;
	}

	it('reads a page of cards with one range request, and writes each card once, both ways', async () => {
		// A `creating` hook on cards made Dexie read every record a put writes; a read per key
		// was one IndexedDB request per card.
		const io = countCardIo();
		// Chosen in another order (a search's): the edit goes through them in key order.
		const ids = (await allIds()).reverse();
		io.ranges = [];
		const change = await applyBulk(db, ids, 'suspend', '', NOW, { pageSize: 10 });
		const pages = Math.ceil(ids.length / 10);
		expect(io.ranges).toHaveLength(pages);
		expect(io.ranges.reduce((a, b) => a + b, 0)).toBe(ids.length);
		expect(io.keys).toEqual([]);
		expect(io.written).toBe(ids.length);

		Object.assign(io, { ranges: [], keys: [], written: 0 });
		await undoBulk(db, change.changeId, LATER);
		expect(io.ranges).toHaveLength(pages);
		expect(io.ranges.reduce((a, b) => a + b, 0)).toBe(ids.length);
		expect(io.keys).toEqual([]);
		expect(io.written).toBe(ids.length);
	});

	it.each(['delete', 'reset'] as const)(
		'a %s reads its pages of cards by range, never one request per card',
		async (action) => {
			const io = countCardIo();
			const before = await contents();
			const ids = (await allIds()).reverse();
			io.keys = [];
			const change = await applyBulk(db, ids, action, '', NOW, { pageSize: 10 });
			expect(io.keys).toEqual([]);
			expect(io.ranges.length).toBeGreaterThanOrEqual(Math.ceil(ids.length / 10));
			await undoBulk(db, change.changeId, LATER);
			expect(io.keys).toEqual([]);
			expect(await contents()).toEqual(before);
		}
	);

	it('a reset to the end of the new cards reads each page once (its snapshot), then writes', async () => {
		const io = countCardIo();
		const before = await contents();
		const ids = await allIds();
		const atEnd = resetOptionsText({ restorePosition: false, resetCounts: true });
		io.byId = 0;
		const change = await applyBulk(db, ids, 'reset', atEnd, NOW, { pageSize: 10 });
		// The snapshot's read; the end positions and the reset itself use the same cards.
		expect(io.byId).toBe(ids.length);
		expect(io.keys).toEqual([]);
		expect(await db.reviews.count()).toBe(before.reviews + ids.length); // A reset row each.
		await undoBulk(db, change.changeId, LATER);
		expect(await contents()).toEqual(before);
	});

	it('a card action from the study screen or a list reads its cards by range, not by key', async () => {
		const io = countCardIo();
		const [first, second] = await allIds();
		io.byId = 0;
		await flagCards(db, [first!], 2, NOW);
		await suspendCards(db, [first!, second!], NOW);
		expect(io.keys).toEqual([]);
		expect(io.byId).toBe(3);
		expect(await db.cards.get(first!)).toMatchObject({ flag: 2, queue: 'suspended' });
	});

	it('reads at most twice a page by range when the chosen cards are spread out, the rest by key', async () => {
		const io = countCardIo();
		const before = await contents();
		const all = await allIds();
		const ids = all.filter((_, i) => i % 5 === 0);
		io.ranges = [];
		const change = await applyBulk(db, ids, 'suspend', '', NOW, { pageSize: 4 });
		expect(Math.max(...io.ranges)).toBeLessThanOrEqual(8);
		expect(io.keys.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
		const suspended = new Set(
			(await db.cards.filter((card) => card.queue === 'suspended').primaryKeys()).map(String)
		);
		expect([...suspended].sort()).toEqual([...ids].sort());
		expect(io.written).toBe(ids.length);
		await undoBulk(db, change.changeId, LATER);
		expect(await contents()).toEqual(before);
	});
});

describe('cancelling an undo', () => {
	it('keeps what it put back, leaves the rest undoable, and a later undo ends exact', async () => {
		const before = await contents();
		const ids = await allIds();
		const change = await applyBulk(db, ids, 'suspend', '', NOW, { pageSize: 8 });
		const controller = new AbortController();
		const undo = undoBulk(db, change.changeId, LATER, {
			signal: controller.signal,
			onProgress: (done) => {
				if (done === 2) {
					controller.abort();
				}
			}
		});
		await expect(undo).rejects.toThrow(UNDO_CANCELLED);
		// The last two pages (undone first) are back; every other card is still suspended.
		const pages = Math.ceil(ids.length / 8);
		const putBack = new Set(ids.slice((pages - 2) * 8));
		const cards = await db.cards.toArray();
		for (const card of cards) {
			expect(card.queue === 'suspended', card.id).toBe(!putBack.has(card.id));
		}
		// Still offered, with only the pages not put back left to undo.
		expect(await lastBulkChange(db)).toEqual(change);
		expect(await db.bulkUndo.count()).toBe(1 + pages - 2);

		await undoBulk(db, change.changeId, LATER);
		expect(await contents()).toEqual(before);
		expect(await db.bulkUndo.count()).toBe(0);
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
			dayEnd: studyDay(NOW).end,
			now: NOW
		};
		const all = await bulkCardIds(db, { search, except: [] });
		expect(all).toHaveLength(await db.cards.count());
		const except = [all[0]!, all[5]!];
		const rest = await bulkCardIds(db, { search, except });
		expect(rest).toEqual(all.filter((id) => !except.includes(id)));
		expect(await bulkCardIds(db, { ids: except })).toEqual(except);

		await applyBulk(db, rest, 'suspend', '', NOW);
		const unsuspended = await db.cards.filter((card) => card.queue !== 'suspended').primaryKeys();
		expect(unsuspended.sort()).toEqual([...except].sort());
	});
});
