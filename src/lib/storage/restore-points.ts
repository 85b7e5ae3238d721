/**
 * The automatic local snapshot taken before every restore: a full backup of the collection as it
 * was, kept in its own small database so a mistaken restore can be undone. Only the latest is
 * kept (a backup can be large). Its own database, not a table of `engram`, so backups never
 * contain it and its writes never share a transaction with the collection's.
 */
import Dexie, { type EntityTable } from 'dexie';

const LAST = 'last';

export interface RestorePointInfo {
	/** When the snapshot was taken (ms since epoch): just before the restore it can undo. */
	createdAt: number;
	size: number;
}

interface RestorePointRecord extends RestorePointInfo {
	id: string;
}

interface RestorePointFile {
	id: string;
	bytes: ArrayBuffer;
}

class RestorePointsDB extends Dexie {
	points!: EntityTable<RestorePointRecord, 'id'>;
	files!: EntityTable<RestorePointFile, 'id'>;

	constructor(name: string) {
		super(name);
		// Details and bytes apart: the settings screen reads the details without the bytes.
		this.version(1).stores({ points: 'id', files: 'id' });
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

export async function saveRestorePoint(
	collectionName: string,
	bytes: Uint8Array,
	now: Date
): Promise<void> {
	const db = pointsDb(collectionName);
	const buffer = bytes.slice().buffer;
	await db.transaction('rw', [db.points, db.files], async () => {
		await db.files.put({ id: LAST, bytes: buffer });
		await db.points.put({ id: LAST, createdAt: now.getTime(), size: bytes.length });
	});
}

export async function lastRestorePoint(
	collectionName: string
): Promise<RestorePointInfo | undefined> {
	const point = await pointsDb(collectionName).points.get(LAST);
	return point && { createdAt: point.createdAt, size: point.size };
}

export async function restorePointBytes(collectionName: string): Promise<Uint8Array | undefined> {
	const file = await pointsDb(collectionName).files.get(LAST);
	return file && new Uint8Array(file.bytes);
}
