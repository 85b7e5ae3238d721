/**
 * Restores and imports are journaled writes (storage/write-journal.ts): many transactions under
 * Chromium's 1 MiB undo-log threshold, rolled back by the app on a failure and at the next open
 * after a crash, so the collection is all or nothing as it was with one transaction.
 */
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { DBCoreMutateRequest } from 'dexie';
import { createBackup, restoreBackup, verifyBackup } from '$lib/storage/backup';
import { EngramDB } from '$lib/storage/db';
import { commitImport } from '$lib/storage/import-commit';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { journaled, recoverJournals } from '$lib/storage/write-journal';
import { estimateBytes, RECORD_OVERHEAD_BYTES, TRANSACTION_BYTES } from '$lib/storage/byte-budget';
import { dump, richCollection } from './backup/rich-collection';
import { wrapTables } from './dbcore-wrap';
import { bigCsv, crashAfter } from './journal-helpers';
import { injectQuotaErrors, type FaultInjector } from './fault-injector';
import { NOW } from './helpers';

const MiB = 1024 * 1024;
const SLOW = 60_000;
const LATER = new Date(NOW.getTime() + 86_400_000);

/** `value` with each Blob as that many bytes (V8's serialiser cannot take Node's Blobs). */
function blobsAsBytes(value: unknown): unknown {
	if (value instanceof Blob) {
		return new Uint8Array(value.size);
	}
	if (Array.isArray(value)) {
		return value.map(blobsAsBytes);
	}
	if (value && typeof value === 'object' && value.constructor === Object) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blobsAsBytes(v)]));
	}
	return value;
}

/** Serialised bytes (V8's serialiser, as Chromium stores values) written per transaction. */
function watchTransactions(db: EngramDB): Map<object, { bytes: number; tables: Set<string> }> {
	const seen = new Map<object, { bytes: number; tables: Set<string> }>();
	wrapTables(db, 'watch-transactions', (table, name) => ({
		mutate: (req: DBCoreMutateRequest) => {
			const entry = seen.get(req.trans) ?? { bytes: 0, tables: new Set<string>() };
			seen.set(req.trans, entry);
			entry.tables.add(name);
			const values = 'values' in req ? req.values : 'keys' in req ? req.keys : [];
			entry.bytes += serialize(blobsAsBytes(values)).length;
			return table.mutate(req);
		}
	}));
	return seen;
}

function writesTo(
	seen: Map<object, { bytes: number; tables: Set<string> }>,
	table: string
): number[] {
	return [...seen.values()].filter((t) => t.tables.has(table)).map((t) => t.bytes);
}

/**
 * The rich collection, opened again as a new connection (the next app open): Dexie takes
 * middlewares only before a connection opens, so `prepare` registers them here.
 */
async function collection(prepare: (db: EngramDB) => void = () => undefined): Promise<EngramDB> {
	const { db } = await richCollection();
	db.close();
	const again = new EngramDB(db.name);
	prepare(again);
	await again.open();
	return again;
}

describe('journaled writes', () => {
	it(
		'a large import is written in many transactions, each under 1 MiB with its undo row',
		async () => {
			let seen = new Map<object, { bytes: number; tables: Set<string> }>();
			const db = await collection((fresh) => (seen = watchTransactions(fresh)));
			const summary = await commitImport(db, await bigCsv(3000), NOW);
			expect(summary.added).toBe(3000);
			expect(await db.notes.where('deckId').notEqual('').count()).toBeGreaterThan(3000);
			const notes = writesTo(seen, 'notes');
			const cards = writesTo(seen, 'cards');
			// ~3 MiB of notes and ~0.5 MiB of cards: several transactions each, none near 1 MiB.
			expect(notes.length).toBeGreaterThanOrEqual(5);
			expect(cards.length).toBeGreaterThanOrEqual(2);
			expect(Math.max(...[...seen.values()].map((t) => t.bytes))).toBeLessThan(MiB);
			expect(await db.journal.count()).toBe(0);
			expect(await db.journalUndo.count()).toBe(0);
		},
		SLOW
	);

	it(
		'a restore over a large collection clears and writes in transactions under 1 MiB',
		async () => {
			let seen = new Map<object, { bytes: number; tables: Set<string> }>();
			const db = await collection((fresh) => (seen = watchTransactions(fresh)));
			await commitImport(db, await bigCsv(2000), NOW);
			const backup = await createBackup(db, NOW);
			await commitImport(db, await bigCsv(1500, 'Other'), LATER);
			seen.clear();
			await restoreBackup(db, backup, 'replace', { now: LATER });
			// Clearing 3,500 notes keeps each one as an undo row, beside the deletes.
			expect(writesTo(seen, 'journalUndo').length).toBeGreaterThanOrEqual(8);
			expect(Math.max(...[...seen.values()].map((t) => t.bytes))).toBeLessThan(MiB);
			expect(await db.notes.count()).toBe((await verifyBackup(db, backup)).manifest.counts.notes);
			expect(await db.journalUndo.count()).toBe(0);
		},
		SLOW
	);

	it(
		'small records fill each transaction up to the byte budget, not up to a record count',
		async () => {
			let seen = new Map<object, { bytes: number; tables: Set<string> }>();
			const db = await collection((fresh) => (seen = watchTransactions(fresh)));
			const reviews = Array.from({ length: 6000 }, (_, i) => ({
				id: `small-${String(i).padStart(5, '0')}`,
				cardId: `card-${i % 50}`,
				deckId: 'deck-small',
				review: NOW.getTime() + i,
				rating: 3
			}));
			const estimated = reviews.reduce((sum, r) => sum + estimateBytes(r), 0);
			const floor = Math.ceil(
				(estimated + reviews.length * RECORD_OVERHEAD_BYTES) / TRANSACTION_BYTES
			);
			seen.clear();
			await journaled(db, 'import', NOW, (writes) => writes.add('reviews', reviews));
			const added = writesTo(seen, 'reviews');
			// 500 records a transaction would take 12; the budget needs `floor` (3 here).
			expect(floor).toBeLessThan(6);
			expect(added.length).toBe(floor);
			expect(await db.reviews.where('deckId').equals('deck-small').count()).toBe(6000);

			seen.clear();
			const keys = reviews.map((r) => r.id);
			await journaled(db, 'import', NOW, (writes) => writes.delete('reviews', keys));
			// The reads grow from 500 (500, 1000, 2000, ...) until the budget is what stops them.
			expect(writesTo(seen, 'reviews').length).toBeLessThanOrEqual(floor + 2);
			expect(await db.reviews.where('deckId').equals('deck-small').count()).toBe(0);
			expect(Math.max(...[...seen.values()].map((t) => t.bytes))).toBeLessThan(MiB);
		},
		SLOW
	);

	it(
		'a full disk part-way through a large import leaves every table exactly as it was',
		async () => {
			let faults!: FaultInjector;
			const db = await collection((fresh) => (faults = injectQuotaErrors(fresh)));
			const before = await dump(db);
			faults.failing.add('cards');
			faults.passes = 2; // notes all written, two transactions of cards, then the disk is full
			faults.limit = 1;
			await expect(commitImport(db, await bigCsv(3000), NOW)).rejects.toMatchObject({
				name: expect.stringMatching(/Quota|Abort/)
			});
			expect(faults.passes).toBe(0);
			expect(await dump(db)).toEqual(before);
		},
		SLOW
	);

	it(
		'bad data found late in a restore rolls back the cleared and rewritten tables',
		async () => {
			const { db } = await richCollection();
			const backup = await createBackup(db, NOW);
			await commitImport(db, await bigCsv(1500), NOW);
			const before = await dump(db);
			const failing = restoreBackup(db, backup, 'replace', {
				now: LATER,
				pageSize: 100,
				onProgress: (fraction) => {
					if (fraction > 0.5) {
						throw new Error('A record the verifier let through turned out to be bad.');
					}
				}
			});
			await expect(failing).rejects.toThrow('turned out to be bad');
			expect(await dump(db)).toEqual(before);
		},
		SLOW
	);

	it(
		'a crash part-way (writes stop, no rollback) is rolled back at the next open, even if that rollback is cut short too',
		async () => {
			const db = await collection((fresh) => crashAfter(fresh, 'cards', 2));
			const before = await dump(db);
			await expect(commitImport(db, await bigCsv(3000), NOW)).rejects.toThrow();
			expect(await db.journal.toArray()).toMatchObject([{ kind: 'import', state: 'open' }]);
			// Its open row stays too: until the rollback, every other write is refused.
			expect(await db.journalOpen.toArray()).toEqual([{ id: 'open' }]);
			expect(await db.notes.count()).toBeGreaterThan(before.notes.length);
			db.close();

			// Next open: its rollback stops after two undo rows (another crash).
			const second = new EngramDB(db.name);
			const again = injectQuotaErrors(second);
			again.failing.add('journalUndo');
			again.passes = 2;
			await expect(rollBackInterruptedWrites(second)).rejects.toThrow();
			second.close();

			// The open after that finishes it.
			const third = new EngramDB(db.name);
			expect(await rollBackInterruptedWrites(third)).toBe(true);
			expect(await dump(third)).toEqual(before);
			expect(await third.journalOpen.count()).toBe(0);
			expect(await rollBackInterruptedWrites(third)).toBe(false);
			// The open row went with the journal: writes go through again.
			await third.settings.put({ key: 'after-crash', value: 1, mtime: 0 });
			expect(await third.settings.get('after-crash')).toMatchObject({ value: 1 });
		},
		SLOW
	);

	it(
		'a journal marked done keeps its writes: only its undo rows are deleted at the next open',
		async () => {
			// Deleting the undo rows fails (the tab closed just after the import was done).
			const db = await collection((fresh) =>
				wrapTables(fresh, 'no-undo-deletes', (table, name) => ({
					mutate: (req) =>
						name === 'journalUndo' && req.type === 'delete'
							? Promise.reject(new DOMException('closed', 'AbortError'))
							: table.mutate(req)
				}))
			);
			await commitImport(db, await bigCsv(1000), NOW);
			expect(await db.journal.toArray()).toMatchObject([{ state: 'done' }]);
			expect(await db.journalUndo.count()).toBeGreaterThan(0);
			const after = await dump(db);
			db.close();

			const next = new EngramDB(db.name);
			expect(await rollBackInterruptedWrites(next)).toBe(true);
			expect(await dump(next)).toEqual({ ...after, journal: [], journalUndo: [] });
		},
		SLOW
	);

	it(
		'while a journal is being written, the open of another tab waits, and a backup holds none of it or all',
		async () => {
			const { db } = await richCollection();
			const notesBefore = await db.notes.count();
			const importing = commitImport(db, await bigCsv(2000), NOW);
			while ((await db.journal.count()) === 0) {
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			const other = new EngramDB(db.name);
			// A live writer is not a crash: nothing rolled back, nothing waited for.
			expect(await recoverJournals(other)).toBe(false);
			const backup = createBackup(other, NOW);
			const opened = rollBackInterruptedWrites(other).then(() => other.notes.count());
			await importing;
			expect(await opened).toBe(notesBefore + 2000);
			const { manifest } = await verifyBackup(other, await backup);
			expect(manifest.counts.notes).toBe(notesBefore + 2000);
		},
		SLOW
	);
});
