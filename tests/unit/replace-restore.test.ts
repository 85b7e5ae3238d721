/**
 * A replacing restore rolls back from the restore point it keeps first (storage/replace-restore.ts),
 * not from undo rows holding the whole old collection; while any journal is open, writes from
 * elsewhere are refused (storage/journal-guard.ts).
 */
import { serialize } from 'node:v8';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { DBCoreMutateRequest } from 'dexie';
import { createBackup, restoreBackup, verifyBackup } from '$lib/storage/backup';
import type { DeckRecord } from '$lib/domain/model';
import { EngramDB } from '$lib/storage/db';
import { classifyWriteError } from '$lib/storage/errors';
import { commitImport } from '$lib/storage/import-commit';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { replaceCollection } from '$lib/storage/replace-restore';
import {
	listRestorePoints,
	pointsToDrop,
	restorePointBytes,
	type RestorePointInfo
} from '$lib/storage/restore-points';
import { dump, richCollection } from './backup/rich-collection';
import { wrapTables } from './dbcore-wrap';
import { bigCsv, crashAfter } from './journal-helpers';
import { injectQuotaErrors } from './fault-injector';
import { answerShown, freshDb, NOW } from './helpers';

const SLOW = 60_000;
const LATER = new Date(NOW.getTime() + 86_400_000);

/** Bytes written per table (V8's serialiser), Blobs counted as their size. */
function watchBytes(db: EngramDB): Map<string, number> {
	const bytes = new Map<string, number>();
	wrapTables(db, 'watch-bytes', (table, name) => ({
		mutate: (req: DBCoreMutateRequest) => {
			if (req.type === 'add' || req.type === 'put') {
				const values = JSON.parse(
					JSON.stringify(req.values, (_, v: unknown) => (v instanceof Blob ? v.size : v))
				) as unknown;
				bytes.set(name, (bytes.get(name) ?? 0) + serialize(values).length);
			}
			return table.mutate(req);
		}
	}));
	return bytes;
}

/** A collection of the rich one plus 1,500 imported notes, reopened with `prepare`'s middleware. */
async function largeCollection(prepare: (db: EngramDB) => void = () => undefined) {
	const { db } = await richCollection();
	const backup = await createBackup(db, NOW);
	await commitImport(db, await bigCsv(1500), NOW);
	db.close();
	const again = new EngramDB(db.name);
	prepare(again);
	await again.open();
	return { db: again, backup };
}

const journalsLeft = async (db: EngramDB) =>
	(await db.journal.count()) + (await db.journalUndo.count());

describe('a replacing restore rolls back from its restore point', () => {
	it(
		'keeps the collection as a point first and writes no undo rows for it (the undo-row restore copies it all)',
		async () => {
			let bytes = new Map<string, number>();
			const { db, backup } = await largeCollection((fresh) => (bytes = watchBytes(fresh)));
			const before = await dump(db);
			const notesBytes = (await restorePointBytes(db.name))?.length ?? 0;

			await replaceCollection(db, await verifyBackup(db, backup), { now: LATER });
			expect(bytes.get('journalUndo') ?? 0).toBe(0);
			expect(await db.notes.count()).toBe((await verifyBackup(db, backup)).manifest.counts.notes);
			expect(await journalsLeft(db)).toBe(0);
			const [point] = await listRestorePoints(db.name);
			expect(point).toMatchObject({ kind: 'before-restore', createdAt: LATER.getTime() });
			expect(point!.pinnedBy).toBeUndefined();
			expect(notesBytes).toBe(0); // no point existed before this restore

			// The same collection restored with undo rows copies every note into them.
			const undoRowsDb = await largeCollection((fresh) => (bytes = watchBytes(fresh)));
			await restoreBackup(undoRowsDb.db, undoRowsDb.backup, 'replace', { now: LATER });
			expect(bytes.get('journalUndo') ?? 0).toBeGreaterThan(1500 * 600);

			// And the point is the collection as it was.
			const fresh = freshDb();
			await restoreBackup(fresh, (await restorePointBytes(db.name, point!.id))!, 'replace');
			expect(await dump(fresh)).toEqual({ ...before, journal: [], journalUndo: [] });
		},
		SLOW
	);

	it(
		'a failure late in a replace puts the point back: every table exactly as it was',
		async () => {
			const { db, backup } = await largeCollection();
			const before = await dump(db);
			const failing = replaceCollection(db, await verifyBackup(db, backup), {
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
			const points = await listRestorePoints(db.name);
			expect(points.every((point) => point.pinnedBy === undefined)).toBe(true);
		},
		SLOW
	);

	it(
		'a crash after the first deletes is rolled back from the point at the next open, even when that rollback is cut short',
		async () => {
			const { db, backup } = await largeCollection((fresh) => crashAfter(fresh, 'notes', 2));
			const before = await dump(db);
			const verified = await verifyBackup(db, backup);
			await expect(replaceCollection(db, verified, { now: LATER })).rejects.toThrow();
			const [journal] = await db.journal.toArray();
			expect(journal).toMatchObject({ kind: 'restore', state: 'open' });
			expect(journal!.point?.tables).toContain('notes');
			expect(await db.notes.count()).toBeLessThan(before.notes.length);
			// The point is pinned to the open journal: a later copy cannot drop it.
			const [point] = await listRestorePoints(db.name);
			expect(point).toMatchObject({ id: journal!.point!.id, pinnedBy: journal!.id });
			db.close();

			// Next open: putting the point back stops after two writes of cards (another crash).
			const second = new EngramDB(db.name);
			const faults = injectQuotaErrors(second);
			faults.failing.add('cards');
			faults.passes = 2;
			await expect(rollBackInterruptedWrites(second)).rejects.toThrow();
			expect(await second.journal.count()).toBe(1);
			second.close();

			// The open after that starts the point over and finishes.
			const third = new EngramDB(db.name);
			expect(await rollBackInterruptedWrites(third)).toBe(true);
			expect(await dump(third)).toEqual(before);
			expect((await listRestorePoints(db.name))[0]!.pinnedBy).toBeUndefined();
		},
		SLOW
	);

	it('a pinned point is never dropped, by count or by size', () => {
		const point = (id: string, hours: number, size: number, pinnedBy?: string) =>
			({
				id,
				kind: 'before-restore',
				createdAt: NOW.getTime() + hours * 3_600_000,
				size,
				...(pinnedBy ? { pinnedBy } : {})
			}) as RestorePointInfo;
		const existing = [point('a', 0, 10), point('b', 1, 10), point('c', 2, 10), point('e', 3, 10)];
		expect(new Set(pointsToDrop(existing, point('d', 4, 10)))).toEqual(new Set(['a', 'b']));
		existing[0] = point('a', 0, 10, 'journal-1');
		expect(pointsToDrop(existing, point('d', 4, 10))).toEqual(['b']);
		const huge = [point('big', 0, 150 * 1024 * 1024, 'journal-1')];
		expect(pointsToDrop(huge, point('new', 1, 100 * 1024 * 1024))).toEqual([]);
	});
});

describe('while a journal is open, writes from elsewhere are refused', () => {
	it(
		'an answer and a deck rename from another tab fail with "busy" and change nothing; afterwards they go through',
		async () => {
			const { db, deckId } = await richCollection();
			// A card of the bundled deck (the note tagged x has its cards suspended).
			const note = await db.notes.filter((n) => !n.tags.includes('x')).first();
			const card = await db.cards.where('noteId').equals(note!.id).first();
			const importing = commitImport(db, await bigCsv(2000), NOW);
			while ((await db.journal.count()) === 0) {
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			const other = new EngramDB(db.name);
			const reviewsBefore = await other.reviews.count();
			const answer = await answerShown(other, card!.id, Rating.Good, LATER).catch(
				(e: unknown) => e
			);
			expect(classifyWriteError(answer)).toBe('busy');
			const rename = await other.decks.update(deckId, { name: 'Renamed' }).catch((e: unknown) => e);
			expect(classifyWriteError(rename)).toBe('busy');
			expect(await other.cards.get(card!.id)).toEqual(card);
			expect(await other.reviews.count()).toBe(reviewsBefore);

			await importing;
			expect(await other.journal.count()).toBe(0);
			await answerShown(other, card!.id, Rating.Good, LATER);
			await other.decks.update(deckId, { name: 'Renamed' });
			expect(await other.reviews.count()).toBe(reviewsBefore + 1);
			expect((await other.decks.get(deckId))?.name).toBe('Renamed');
		},
		SLOW
	);

	it(
		'a journal left open by a writer that is gone is rolled back by the first refused write, and writing works again',
		async () => {
			const { db, backup } = await largeCollection((fresh) => crashAfter(fresh, 'notes', 2));
			const before = await dump(db);
			await expect(
				replaceCollection(db, await verifyBackup(db, backup), { now: LATER })
			).rejects.toThrow();
			db.close();
			const other = new EngramDB(db.name);
			// Half replaced: the decks are already gone, so this would write one back.
			const deck = before.decks[0] as DeckRecord;
			expect(await other.decks.count()).toBe(0);
			const refused = await other.decks.put({ ...deck, name: 'Renamed' }).catch((e: unknown) => e);
			expect(classifyWriteError(refused)).toBe('busy');
			while ((await other.journal.count()) > 0) {
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			expect(await dump(other)).toEqual(before);
			await other.decks.update(deck.id, { name: 'Renamed' });
			expect((await other.decks.get(deck.id))?.name).toBe('Renamed');
		},
		SLOW
	);
});
