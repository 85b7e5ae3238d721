/**
 * Full backup and restore of the `engram` database. The backup reads every table in one read
 * transaction (a consistent copy even while another tab studies); a restore is verified in full
 * first and then written in one read-write transaction over every table: all or nothing.
 */
import { mergeCollections, type MergeSide } from '$lib/domain/backup/merge';
import { packBackup } from '$lib/domain/backup/pack';
import { readBackup, type VerifiedBackup } from '$lib/domain/backup/read';
import {
	TABLE_NAMES,
	countRecords,
	type BackupContent,
	type BackupManifest,
	type TableCounts,
	type TableName
} from '$lib/domain/backup/format';
import type { EngramDB, MediaRecord } from './db';

export type RestoreMode = 'replace' | 'merge';

export interface RestoreSummary {
	mode: RestoreMode;
	/** Records written that were not there before (replace: everything in the backup). */
	added: TableCounts;
	/** Records that existed and changed (merge only). */
	updated: TableCounts;
}

const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown';

const noneCounted = (): TableCounts =>
	Object.fromEntries(TABLE_NAMES.map((table) => [table, 0])) as TableCounts;

async function mediaBytes(bytes: MediaRecord['bytes']): Promise<Uint8Array> {
	return new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes);
}

/** Every table, read in one transaction so the copy is consistent. */
export async function readCollection(db: EngramDB): Promise<BackupContent> {
	const tables = await db.transaction('r', db.tables, () =>
		Promise.all(TABLE_NAMES.map((table) => db.table(table).toArray()))
	);
	const content = Object.fromEntries(
		TABLE_NAMES.map((table, i) => [table, tables[i]])
	) as unknown as BackupContent;
	// Blobs are read after the transaction: awaiting them inside would let it commit early.
	const media = tables[TABLE_NAMES.indexOf('media')] as MediaRecord[];
	content.media = await Promise.all(
		media.map(async (m) => ({ ...m, bytes: await mediaBytes(m.bytes) }))
	);
	return content;
}

export interface BackupOptions {
	appVersion?: string;
	onProgress?: (fraction: number) => void;
}

/** The whole collection as backup zip bytes. */
export async function createBackup(
	db: EngramDB,
	now: Date,
	options: BackupOptions = {}
): Promise<Uint8Array> {
	await db.open();
	const content = await readCollection(db);
	options.onProgress?.(0.3);
	return packBackup(content, {
		appVersion: options.appVersion ?? APP_VERSION,
		dbSchemaVersion: db.verno,
		now,
		onProgress: (fraction) => options.onProgress?.(0.3 + 0.7 * fraction)
	});
}

/** Reads and verifies a backup without writing anything (what the restore screen shows). */
export async function verifyBackup(db: EngramDB, bytes: Uint8Array): Promise<VerifiedBackup> {
	await db.open();
	return readBackup(bytes, db.verno);
}

function toMediaRecord(media: BackupContent['media'][number]): MediaRecord {
	const { hash, name, type, mtime, bytes } = media;
	return { hash, name, type, mtime, bytes: bytes.slice().buffer };
}

async function replaceAll(db: EngramDB, content: BackupContent): Promise<RestoreSummary> {
	await db.transaction('rw', db.tables, async () => {
		for (const table of TABLE_NAMES) {
			await db.table(table).clear();
		}
		for (const table of TABLE_NAMES) {
			const records = table === 'media' ? content.media.map(toMediaRecord) : content[table];
			await db.table(table).bulkAdd(records);
		}
	});
	return { mode: 'replace', added: countRecords(content), updated: noneCounted() };
}

async function mergeAll(db: EngramDB, content: BackupContent): Promise<RestoreSummary> {
	const { media, ...incoming } = content;
	return db.transaction('rw', db.tables, async () => {
		const tables = await Promise.all(
			TABLE_NAMES.filter((t) => t !== 'media').map(
				async (table) => [table, await db.table(table).toArray()] as const
			)
		);
		const local = Object.fromEntries(tables) as unknown as MergeSide;
		const result = mergeCollections(local, incoming);
		// Media are content-addressed: a hash already here is the same file.
		const known = new Set(await db.media.toCollection().primaryKeys());
		const newMedia = media.filter((m) => !known.has(m.hash)).map(toMediaRecord);
		await db.media.bulkAdd(newMedia);
		for (const [table, records] of Object.entries(result.puts)) {
			await db.table(table).bulkPut(records as unknown[]);
		}
		return {
			mode: 'merge' as const,
			added: { ...result.added, media: newMedia.length },
			updated: { ...result.updated, media: 0 }
		};
	});
}

/**
 * Restores a backup: verified in full first (a BackupError and no change if anything is wrong),
 * then written in one transaction. `replace` makes the collection exactly the backup; `merge`
 * joins them the way a sync would.
 */
export async function restoreBackup(
	db: EngramDB,
	bytes: Uint8Array,
	mode: RestoreMode
): Promise<RestoreSummary> {
	const { content } = await verifyBackup(db, bytes);
	return applyBackup(db, content, mode);
}

export function applyBackup(
	db: EngramDB,
	content: BackupContent,
	mode: RestoreMode
): Promise<RestoreSummary> {
	return mode === 'replace' ? replaceAll(db, content) : mergeAll(db, content);
}

export type { BackupManifest, TableName };
