/**
 * Tombstones are pruned after 180 days (storage/tombstones.ts says why), a page per transaction,
 * when the daily snapshot runs. Within the window a deletion still wins every merge; past it, an
 * older copy merged late can bring a long-deleted record back (nothing is ever lost).
 */
import { describe, expect, it } from 'vitest';
import type { TombstoneRecord } from '$lib/domain/model';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { deleteNotes } from '$lib/storage/notes';
import { listRestorePoints, restorePointBytes } from '$lib/storage/restore-points';
import { pruneTombstones, TOMBSTONE_KEEP_MS } from '$lib/storage/tombstones';
import type { BackupResponse } from '$lib/workers/backup-protocol';
import { backupService } from '$lib/workers/backup-service';
import { freshDb, NOW } from '../helpers';
import { richCollection } from './rich-collection';

const DAY = 86_400_000;
const daysAfter = (days: number) => new Date(NOW.getTime() + days * DAY);

function tombstones(count: number, deletedAt: (i: number) => number): TombstoneRecord[] {
	return Array.from({ length: count }, (_, i) => ({
		table: 'reviews' as const,
		id: `r${i}`,
		deletedAt: deletedAt(i)
	}));
}

describe('tombstone pruning', () => {
	it('deletes only tombstones older than 180 days, across several pages', async () => {
		const db = freshDb();
		const now = daysAfter(400);
		const horizon = now.getTime() - TOMBSTONE_KEEP_MS;
		// 1,200 old ones (more than two pages), 300 inside the window, one exactly at its edge.
		await db.tombstones.bulkAdd([
			...tombstones(1200, (i) => horizon - 1 - i * 1000),
			...tombstones(300, (i) => horizon + 1 + i * 1000).map((t) => ({ ...t, id: `new${t.id}` })),
			{ table: 'notes', id: 'edge', deletedAt: horizon }
		]);

		expect(await pruneTombstones(db, now)).toBe(1200);
		const left = await db.tombstones.toArray();
		expect(left).toHaveLength(301);
		expect(left.every((t) => t.deletedAt >= horizon)).toBe(true);
		expect(await pruneTombstones(db, now)).toBe(0);
	});

	it('within the window a pruned collection still keeps a deletion through a merge', async () => {
		const phone = await richCollection();
		const old = await createBackup(phone.db, NOW);
		await deleteNotes(phone.db, [phone.noteId], daysAfter(1));
		await pruneTombstones(phone.db, daysAfter(179));
		await restoreBackup(phone.db, old, 'merge');
		expect(await phone.db.notes.get(phone.noteId)).toBeUndefined();
	});

	it('past the window an older copy merged late brings the record back, with nothing lost', async () => {
		const phone = await richCollection();
		const note = await phone.db.notes.get(phone.noteId);
		const old = await createBackup(phone.db, NOW);
		await deleteNotes(phone.db, [phone.noteId], daysAfter(1));
		expect(await pruneTombstones(phone.db, daysAfter(182))).toBeGreaterThan(0);
		await restoreBackup(phone.db, old, 'merge');
		expect(await phone.db.notes.get(phone.noteId)).toEqual(note);
	});

	it('runs with the daily snapshot, after the snapshot (which still holds them) is kept', async () => {
		const db = getDb();
		await Promise.all(db.tables.map((table) => table.clear()));
		await db.tombstones.bulkAdd(tombstones(10, () => NOW.getTime()));
		const answers: BackupResponse[] = [];
		const service = backupService(getDb, (message) => answers.push(message));

		await service.handle({ type: 'snapshot', now: daysAfter(100).getTime() });
		expect(answers.at(-1)).toEqual({ type: 'snapshot', taken: true });
		expect(await db.tombstones.count()).toBe(10);

		await service.handle({ type: 'snapshot', now: daysAfter(181).getTime() });
		expect(answers.at(-1)).toEqual({ type: 'snapshot', taken: true });
		expect(await db.tombstones.count()).toBe(0);
		const [newest] = await listRestorePoints(db.name);
		expect(newest).toMatchObject({ kind: 'daily', createdAt: daysAfter(181).getTime() });
		const kept = freshDb();
		await restoreBackup(kept, (await restorePointBytes(db.name, newest!.id))!, 'replace');
		expect(await kept.tombstones.count()).toBe(10);
	});
});
