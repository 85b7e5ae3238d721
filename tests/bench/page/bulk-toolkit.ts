/**
 * Bulk edits at scale, in a page of the collection's origin: the app's own `applyBulk` (suspend)
 * and `undoBulk` on the real `engram` database, against a raw IndexedDB baseline making the same
 * writes: per page of cards, one read-write transaction that reads each card, writes it suspended
 * and writes the page's undo row; the undo reads the row and each card and writes it back.
 * Run by tests/bench/bulk-cli.ts.
 */
import { applyBulk, BULK_PAGE, undoBulk } from '$lib/storage/bulk-edit';
import { EngramDB } from '$lib/storage/db';
import { openDatabase, requestResult, transactionDone } from './raw-idb';

export interface BulkTimes {
	editMs: number;
	undoMs: number;
	cards: number;
	pages: number;
}

type Card = { id: string; queue: string; buriedUntil?: number; mtime: number };

let ids: string[] = [];

/** The first `limit` card ids of the collection, in key order: what every run edits. */
async function chooseCards(limit: number): Promise<number> {
	const db = await openDatabase(indexedDB, 'engram');
	try {
		const store = db.transaction('cards', 'readonly').objectStore('cards');
		ids = (await requestResult(store.getAllKeys(null, limit))) as string[];
		return ids.length;
	} finally {
		db.close();
	}
}

async function timed(task: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await task();
	return performance.now() - start;
}

/** The app: suspend every chosen card, then undo, `pageSize` cards per transaction. */
async function app(pageSize: number): Promise<BulkTimes> {
	const db = new EngramDB();
	try {
		await db.open();
		let changeId = '';
		const editMs = await timed(async () => {
			changeId = (await applyBulk(db, ids, 'suspend', '', new Date(), { pageSize })).changeId;
		});
		const undoMs = await timed(() => undoBulk(db, changeId, new Date()));
		return { editMs, undoMs, cards: ids.length, pages: Math.ceil(ids.length / pageSize) };
	} finally {
		db.close();
	}
}

function suspendPage(db: IDBDatabase, page: number, pageIds: string[], now: number) {
	const tx = db.transaction(['cards', 'bulkUndo'], 'readwrite');
	const cards = tx.objectStore('cards');
	const before: { id: string; was: Partial<Card> }[] = [];
	for (const id of pageIds) {
		cards.get(id).onsuccess = (event) => {
			const card = (event.target as IDBRequest<Card>).result;
			before.push({ id, was: { queue: card.queue } });
			cards.put({ ...card, queue: 'suspended', mtime: now });
			if (before.length === pageIds.length) {
				tx.objectStore('bulkUndo').put({
					changeId: 'raw',
					page,
					undo: { fields: ['queue', 'buriedUntil'], cards: before }
				});
			}
		};
	}
	return transactionDone(tx);
}

function undoPage(db: IDBDatabase, page: number, now: number) {
	const tx = db.transaction(['cards', 'bulkUndo'], 'readwrite');
	const cards = tx.objectStore('cards');
	const undoRows = tx.objectStore('bulkUndo');
	undoRows.get(['raw', page]).onsuccess = (event) => {
		const row = (event.target as IDBRequest<{ undo: { cards: { id: string; was: Card }[] } }>)
			.result;
		for (const { id, was } of row.undo.cards) {
			cards.get(id).onsuccess = (read) => {
				const card = (read.target as IDBRequest<Card>).result;
				cards.put({ ...card, ...was, mtime: now });
			};
		}
		undoRows.delete(['raw', page]);
	};
	return transactionDone(tx);
}

/** The baseline: the same reads and writes with the raw API, one page after another. */
async function raw(pageSize: number): Promise<BulkTimes> {
	const db = await openDatabase(indexedDB, 'engram');
	const pages = Math.ceil(ids.length / pageSize);
	try {
		const editMs = await timed(async () => {
			for (let page = 0; page < pages; page++) {
				const pageIds = ids.slice(page * pageSize, (page + 1) * pageSize);
				await suspendPage(db, page, pageIds, Date.now());
			}
		});
		const undoMs = await timed(async () => {
			for (let page = pages - 1; page >= 0; page--) {
				await undoPage(db, page, Date.now());
			}
		});
		return { editMs, undoMs, cards: ids.length, pages };
	} finally {
		db.close();
	}
}

const toolkit = { chooseCards, app, raw, appPage: BULK_PAGE };

declare global {
	var engramBulk: typeof toolkit;
}

globalThis.engramBulk = toolkit;
