/**
 * Restore points: full backups of the collection kept on this device, so a mistaken restore or
 * import can be undone and a bad day can be rolled back. Three kinds: one taken just before
 * every restore, one before every import (the last few of each are kept) and an automatic daily
 * snapshot (at most one a day, the last few days kept). Bounded by count and by total size, so
 * they never fill the disk.
 *
 * Their own database, not a table of `engram`: backups never contain them and their writes
 * never share a transaction with the collection's. The backup file is kept as a Blob, which the
 * browser stores outside the JS heap (on disk in Chromium).
 */
import Dexie, { type EntityTable } from 'dexie';
import { createBackupBlob, type BackupOptions } from './backup';
import type { EngramDB } from './db';

export type RestorePointKind = 'before-restore' | 'before-import' | 'daily';

export interface RestorePointInfo {
	id: string;
	kind: RestorePointKind;
	/** When the snapshot was taken (ms since epoch). */
	createdAt: number;
	size: number;
	/**
	 * The open write journal whose rollback would read this point (a replacing restore keeps no
	 * undo rows: write-journal.ts): never dropped while set.
	 */
	pinnedBy?: string;
}

interface RestorePointFile {
	id: string;
	bytes: Blob | ArrayBuffer;
}

/** How many of each kind are kept, newest first. */
export const KEEP: Record<RestorePointKind, number> = {
	'before-restore': 3,
	'before-import': 3,
	daily: 3
};
/** All restore points together stay under this; the oldest go first. */
export const MAX_TOTAL_BYTES = 200 * 1024 * 1024;
/** A daily snapshot is due when the newest is older than this. */
export const DAILY_EVERY_MS = 20 * 3_600_000;

class RestorePointsDB extends Dexie {
	points!: EntityTable<RestorePointInfo, 'id'>;
	files!: EntityTable<RestorePointFile, 'id'>;

	constructor(name: string) {
		// Strict: a point is on disk when its write resolves. A replacing restore relies on that
		// before its first delete in the other database (see storage/replace-restore.ts).
		super(name, { chromeTransactionDurability: 'strict' });
		// Details and bytes apart: the settings screen reads the details without the bytes.
		this.version(1).stores({ points: 'id', files: 'id' });
		// Version 2: several points, listed newest first.
		this.version(2).stores({ points: 'id, createdAt' });
	}
}

const databases = new Map<string, RestorePointsDB>();

/** The snapshot database that belongs to collection database `collectionName`. */
function pointsDb(collectionName: string): RestorePointsDB {
	let db = databases.get(collectionName);
	if (!db) {
		db = new RestorePointsDB(`${collectionName}-restore-points`);
		databases.set(collectionName, db);
	}
	return db;
}

/** Every restore point, newest first (a point from before version 2 counts as before-restore). */
export async function listRestorePoints(collectionName: string): Promise<RestorePointInfo[]> {
	const points = await pointsDb(collectionName).points.orderBy('createdAt').reverse().toArray();
	return points.map((point) => ({ ...point, kind: point.kind ?? 'before-restore' }));
}

/** The points to drop so that, with `incoming` added, the counts and size stay in bounds. */
export function pointsToDrop(
	existing: readonly RestorePointInfo[],
	incoming: RestorePointInfo
): string[] {
	const newestFirst = [...existing].sort((a, b) => b.createdAt - a.createdAt);
	const drop = new Set<string>();
	const pinned = (point: RestorePointInfo) => point.pinnedBy !== undefined;
	for (const kind of Object.keys(KEEP) as RestorePointKind[]) {
		const same = newestFirst.filter((point) => point.kind === kind && !pinned(point));
		const room = kind === incoming.kind ? KEEP[kind] - 1 : KEEP[kind];
		same.slice(Math.max(0, room)).forEach((point) => drop.add(point.id));
	}
	let total = incoming.size;
	for (const point of newestFirst) {
		if (!drop.has(point.id)) {
			total += point.size;
			if (total > MAX_TOTAL_BYTES && !pinned(point)) {
				drop.add(point.id);
				total -= point.size;
			}
		}
	}
	return [...drop];
}

/**
 * Keeps `file` as a new restore point, dropping old ones to stay in bounds. `keep` is never
 * dropped (the point being put back, read while the restore runs): until the next copy the
 * bounds may be passed by that one point.
 */
export async function saveRestorePoint(
	collectionName: string,
	file: Blob,
	kind: RestorePointKind,
	now: Date,
	keep?: string,
	pinnedBy?: string
): Promise<RestorePointInfo> {
	const db = pointsDb(collectionName);
	const point: RestorePointInfo = {
		id: `${now.getTime()}-${crypto.randomUUID()}`,
		kind,
		createdAt: now.getTime(),
		size: file.size,
		...(pinnedBy === undefined ? {} : { pinnedBy })
	};
	await db.transaction('rw', [db.points, db.files], async () => {
		const drop = pointsToDrop(await db.points.toArray(), point).filter((id) => id !== keep);
		// Old ones go first, in the same transaction: the disk never holds more than the bound.
		await db.points.bulkDelete(drop);
		await db.files.bulkDelete(drop);
		await db.files.put({ id: point.id, bytes: file });
		await db.points.put(point);
	});
	return point;
}

/**
 * Unpins every point but `except` (call holding the journal lock, with no journal open: any pin
 * left is one whose journal ended but whose unpin was cut short).
 */
export async function unpinRestorePoints(collectionName: string, except?: string): Promise<void> {
	const db = pointsDb(collectionName);
	await db.transaction('rw', db.points, async () => {
		const pinned = (await db.points.toArray()).filter(
			(point) => point.pinnedBy !== undefined && point.id !== except
		);
		await db.points.bulkPut(pinned.map(({ pinnedBy: _, ...point }) => point));
	});
}

/** Backs up the collection as it is now and keeps it as a restore point of `kind`. */
export async function keepRestorePoint(
	db: EngramDB,
	kind: RestorePointKind,
	now: Date,
	{ keep, ...options }: BackupOptions & { keep?: string } = {}
): Promise<RestorePointInfo> {
	const { blob } = await createBackupBlob(db, now, options);
	return saveRestorePoint(db.name, blob, kind, now, keep);
}

/**
 * Above this many cards a copy before every import would add more than a few seconds to each
 * one (a backup of 10,000 cards takes about 3 s on a slow phone-class CPU, and grows with the
 * collection): large collections rely on the daily snapshot instead.
 */
export const MAX_CARDS_FOR_IMPORT_POINT = 20_000;

/**
 * The copy kept before an import, so it can be undone from Settings; skipped (undefined) for
 * collections above `maxCards`, where importing a small deck must not wait for a full backup.
 */
export async function keepPointBeforeImport(
	db: EngramDB,
	now: Date,
	{
		maxCards = MAX_CARDS_FOR_IMPORT_POINT,
		onProgress
	}: { maxCards?: number; onProgress?: (fraction: number) => void } = {}
): Promise<RestorePointInfo | undefined> {
	if ((await db.cards.count()) > maxCards) {
		return undefined;
	}
	return keepRestorePoint(db, 'before-import', now, { onProgress });
}

/** The newest restore point, if any. */
export async function lastRestorePoint(
	collectionName: string,
	kind?: RestorePointKind
): Promise<RestorePointInfo | undefined> {
	const points = await listRestorePoints(collectionName);
	return points.find((point) => kind === undefined || point.kind === kind);
}

/** Whether a daily snapshot should be taken now. */
export async function dailySnapshotDue(collectionName: string, now: Date): Promise<boolean> {
	const last = await lastRestorePoint(collectionName, 'daily');
	return !last || now.getTime() - last.createdAt >= DAILY_EVERY_MS;
}

/**
 * A restore point's backup file (the newest, without an id) as a Blob, which a restore reads a
 * slice at a time (workers/file-source.ts), as it does a chosen file.
 */
export async function restorePointFile(
	collectionName: string,
	id?: string
): Promise<{ id: string; file: Blob } | undefined> {
	const key = id ?? (await lastRestorePoint(collectionName))?.id;
	const stored = key === undefined ? undefined : await pointsDb(collectionName).files.get(key);
	if (!stored) {
		return undefined;
	}
	// Points kept by the first version hold an ArrayBuffer.
	const file = stored.bytes instanceof Blob ? stored.bytes : new Blob([stored.bytes]);
	return { id: stored.id, file };
}

/** A restore point's backup file as bytes (tests and tools; the app reads the Blob in slices). */
export async function restorePointBytes(
	collectionName: string,
	id?: string
): Promise<Uint8Array | undefined> {
	const point = await restorePointFile(collectionName, id);
	return point && new Uint8Array(await point.file.arrayBuffer());
}
