/**
 * Restore points: the last few kept before restores, one automatic snapshot a day, bounded by
 * count and total size; each can be put back exactly, and one from before version 2 still lists.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createBackupBlob, restoreBackup } from '$lib/storage/backup';
import {
	DAILY_EVERY_MS,
	KEEP,
	MAX_TOTAL_BYTES,
	dailySnapshotDue,
	keepPointBeforeImport,
	keepRestorePoint,
	listRestorePoints,
	pointsToDrop,
	restorePointBytes,
	restorePointFile,
	saveRestorePoint,
	type RestorePointInfo
} from '$lib/storage/restore-points';
import type { BackupResponse } from '$lib/workers/backup-protocol';
import { backupService } from '$lib/workers/backup-service';
import { freshDb, NOW } from '../helpers';
import { dump, richCollection, study } from './rich-collection';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const blob = (size: number) => new Blob([new Uint8Array(size)]);

describe('restore points', () => {
	it('keeps the last three before restores and the last three daily snapshots, newest first', async () => {
		const name = `points-${crypto.randomUUID()}`;
		for (let i = 0; i < 5; i += 1) {
			await saveRestorePoint(name, blob(10 + i), 'before-restore', at(i));
			await saveRestorePoint(name, blob(100 + i), 'daily', at(i * 24 + 0.5));
		}
		const points = await listRestorePoints(name);
		const of = (kind: string) => points.filter((p) => p.kind === kind).map((p) => p.size);
		expect(of('before-restore')).toEqual([14, 13, 12]);
		expect(of('daily')).toEqual([104, 103, 102]);
		expect(points.map((p) => p.createdAt)).toEqual(
			[...points.map((p) => p.createdAt)].sort((a, b) => b - a)
		);
		expect(KEEP['before-restore']).toBe(3);
		// Dropped points take their files with them.
		const ids = new Set(points.map((p) => p.id));
		const files = await new Dexie(`${name}-restore-points`)
			.open()
			.then((db) => db.table('files').toCollection().primaryKeys());
		expect(new Set(files)).toEqual(ids);
	});

	it('drops the oldest points when the total would pass the size bound', () => {
		const point = (id: string, hours: number, size: number): RestorePointInfo => ({
			id,
			kind: 'daily',
			createdAt: at(hours).getTime(),
			size
		});
		const half = MAX_TOTAL_BYTES / 2;
		const existing = [point('old', 1, half), point('newer', 2, half - 10)];
		expect(pointsToDrop(existing, { ...point('new', 3, 20), kind: 'before-restore' })).toEqual([
			'old'
		]);
		// A single point larger than the bound is still kept (it is the only undo there is).
		expect(pointsToDrop(existing, point('huge', 3, MAX_TOTAL_BYTES * 2)).sort()).toEqual([
			'newer',
			'old'
		]);
	});

	it('a daily snapshot is due once the last is old enough, and not before', async () => {
		const name = `points-${crypto.randomUUID()}`;
		expect(await dailySnapshotDue(name, NOW)).toBe(true);
		await saveRestorePoint(name, blob(1), 'before-restore', NOW);
		expect(await dailySnapshotDue(name, NOW)).toBe(true);
		await saveRestorePoint(name, blob(1), 'daily', NOW);
		expect(await dailySnapshotDue(name, new Date(NOW.getTime() + DAILY_EVERY_MS - 1))).toBe(false);
		expect(await dailySnapshotDue(name, new Date(NOW.getTime() + DAILY_EVERY_MS))).toBe(true);
	});

	it('any kept point puts the collection back exactly as it was', async () => {
		const { db, deckId } = await richCollection();
		const before = await dump(db);
		const { blob: kept } = await createBackupBlob(db, NOW);
		const point = await saveRestorePoint(db.name, kept, 'daily', NOW);
		await study(db, deckId, 3, at(2));
		await saveRestorePoint(db.name, blob(5), 'before-restore', at(3));
		expect((await dump(db)).reviews.length).toBeGreaterThan(before.reviews.length);

		const bytes = await restorePointBytes(db.name, point.id);
		await restoreBackup(db, bytes!, 'replace');
		expect(await dump(db)).toEqual(before);
		expect(await restorePointBytes(db.name, 'no-such-point')).toBeUndefined();
	});

	it('put back from its Blob, the oldest of its kind is not dropped by the copy made first', async () => {
		const { db, deckId } = await richCollection();
		const before = await dump(db);
		const oldest = await keepRestorePoint(db, 'before-restore', at(1));
		await saveRestorePoint(db.name, blob(5), 'before-restore', at(2));
		await saveRestorePoint(db.name, blob(5), 'before-restore', at(3));
		await study(db, deckId, 2, at(4));
		const point = await restorePointFile(db.name, oldest.id);
		expect(point?.file).toBeInstanceOf(Blob);

		// The worker's own service, in process: it reads the point while the restore runs.
		const answers: BackupResponse[] = [];
		const service = backupService(
			() => db,
			(message) => answers.push(message)
		);
		await service.handle({ type: 'restore-point', id: oldest.id, now: at(5).getTime() });
		expect(answers.at(-1)).toMatchObject({ type: 'restored' });
		expect(await dump(db)).toEqual(before);
		const kinds = async () =>
			(await listRestorePoints(db.name)).filter((p) => p.kind === 'before-restore');
		// Kept through the restore (one over the count until the next copy) ...
		expect((await kinds()).map((p) => p.id)).toContain(oldest.id);
		expect(await kinds()).toHaveLength(KEEP['before-restore'] + 1);
		// ... and the next copy brings the kind back within bounds, oldest first.
		await keepRestorePoint(db, 'before-restore', at(6));
		expect(await kinds()).toHaveLength(KEEP['before-restore']);
		expect((await kinds()).map((p) => p.id)).not.toContain(oldest.id);
	});

	it('the single restore point of version 1 is still listed and can be put back', async () => {
		const collection = freshDb();
		const old = new Dexie(`${collection.name}-restore-points`);
		old.version(1).stores({ points: 'id', files: 'id' });
		await old.table('points').put({ id: 'last', createdAt: NOW.getTime(), size: 3 });
		await old.table('files').put({ id: 'last', bytes: new Uint8Array([1, 2, 3]).buffer });
		old.close();
		expect(await listRestorePoints(collection.name)).toEqual([
			{ id: 'last', kind: 'before-restore', createdAt: NOW.getTime(), size: 3 }
		]);
		expect(await restorePointBytes(collection.name)).toEqual(new Uint8Array([1, 2, 3]));
	});
});

describe('the restore point before an import', () => {
	it('is kept for a collection up to the card limit and skipped above it', async () => {
		const { db } = await richCollection();
		const cards = await db.cards.count();
		expect(cards).toBeGreaterThan(0);
		expect(await keepPointBeforeImport(db, NOW, { maxCards: cards - 1 })).toBeUndefined();
		expect(await listRestorePoints(db.name)).toEqual([]);

		const point = await keepPointBeforeImport(db, NOW, { maxCards: cards });
		expect(point?.kind).toBe('before-import');
		expect((await listRestorePoints(db.name)).map((p) => p.id)).toEqual([point!.id]);
	});
});
