/**
 * Full backup and restore of the `engram` database.
 *
 * A backup streams: every table is read in key-ordered pages inside one read transaction (a
 * consistent snapshot even while another tab studies; only synchronous work happens between
 * pages, so the transaction stays open), each page is encoded, hashed and deflated at once, and
 * the zip's chunks gather in a Blob, outside the JS heap. Media are content-addressed (a hash's
 * bytes never change), so they are read after the transaction, one file at a time.
 *
 * A restore is verified in full first and then written as one journaled write (write-journal.ts):
 * transactions under about 1 MiB each, rolled back by the app on any failure, so all or
 * nothing. Both replace and merge page through the backup's tables (one inflated chunk and one
 * page of records at a time) and, for a merge, through the stored records by key.
 */
import { BackupWriter } from '$lib/domain/backup/pack';
import {
	openVerifiedBackup,
	type BackupReader,
	type RecordTable,
	type RestoredMedia
} from '$lib/domain/backup/read';
import type { ZipBytes } from '$lib/domain/backup/zip-entries';
import {
	TABLE_NAMES,
	type BackupContent,
	type BackupManifest,
	type TableCounts,
	type TableName
} from '$lib/domain/backup/format';
import type { EngramDB, MediaRecord } from './db';
import { BlobSink } from './blob-sink';
import { mergePaged, type PageCheck } from './backup-merge';
import { journaled, primaryKeyOf, withoutOpenJournal, type JournaledWrites } from './write-journal';

export type RestoreMode = 'replace' | 'merge';

export interface RestoreSummary {
	mode: RestoreMode;
	/** Records written that were not there before (replace: everything in the backup). */
	added: TableCounts;
	/** Records that existed and changed (merge only). */
	updated: TableCounts;
	/** This device's records removed because the backup holds their deletion (merge only). */
	removed: TableCounts;
}

const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown';
const RECORD_TABLES = TABLE_NAMES.filter((table): table is RecordTable => table !== 'media');
/**
 * Records read per page while backing up: small pages keep little alive across each read. A
 * page of 250 cards is about 0.1 MB of the backup worker's heap, which holds 1.7 MiB at 100,000
 * cards, 0.6 of it before the backup starts (README "Performance", session 18).
 */
const PAGE = 250;

const noneCounted = (): TableCounts =>
	Object.fromEntries(TABLE_NAMES.map((table) => [table, 0])) as TableCounts;

async function mediaBytes(bytes: MediaRecord['bytes']): Promise<Uint8Array> {
	return new Uint8Array(bytes instanceof Blob ? await bytes.arrayBuffer() : bytes);
}

export interface BackupOptions {
	appVersion?: string;
	onProgress?: (fraction: number) => void;
	/** Aborting it stops the backup between pages (it only reads: nothing to undo). */
	signal?: AbortSignal;
	/**
	 * The caller holds the journal lock itself (a replacing restore copying the collection it is
	 * about to replace): read at once rather than wait for the lock.
	 */
	lockHeld?: boolean;
}

/** Calls `each` with the table's records in primary-key order, `PAGE` at a time. */
async function eachPage(
	db: EngramDB,
	table: TableName,
	each: (records: unknown[]) => void
): Promise<void> {
	const store = db.table(table);
	const keyOf = primaryKeyOf(store);
	let page = await store.orderBy(':id').limit(PAGE).toArray();
	while (page.length > 0) {
		each(page);
		if (page.length < PAGE) {
			return;
		}
		page = await store
			.where(':id')
			.above(keyOf(page[page.length - 1]))
			.limit(PAGE)
			.toArray();
	}
}

/**
 * Streams every record table into the writer in one read transaction, never during a restore or
 * an import (it would copy half of one); returns the media keys.
 */
function writeTables(
	db: EngramDB,
	writer: BackupWriter,
	progress: (done: number) => void,
	lockHeld = false
): Promise<string[]> {
	const unjournaled = <T>(read: () => Promise<T>) =>
		lockHeld ? read() : withoutOpenJournal(db, read);
	return unjournaled(() =>
		db.transaction('r', db.tables, async () => {
			let done = 0;
			for (const table of RECORD_TABLES) {
				const out = writer.table(table);
				await eachPage(db, table, (records) => {
					out.add(records);
					done += records.length;
					progress(done);
				});
				out.end();
			}
			return db.media.toCollection().primaryKeys();
		})
	);
}

/** The whole collection as a backup zip, in a Blob made of the stream's chunks. */
export async function createBackupBlob(
	db: EngramDB,
	now: Date,
	options: BackupOptions = {}
): Promise<{ blob: Blob; manifest: BackupManifest }> {
	await db.open();
	const sink = new BlobSink('application/zip');
	const writer = new BackupWriter({
		appVersion: options.appVersion ?? APP_VERSION,
		dbSchemaVersion: db.verno,
		now,
		onData: (chunk) => sink.add(chunk)
	});
	// Counted before the snapshot, so only a guide for the progress bar.
	const counts = await Promise.all(db.tables.map((table) => table.count()));
	const total = Math.max(
		1,
		counts.reduce((sum, count) => sum + count, 0)
	);
	const progress = (done: number) => {
		options.signal?.throwIfAborted();
		options.onProgress?.(Math.min(1, done / total));
	};
	const mediaKeys = await writeTables(db, writer, progress, options.lockHeld);
	let done = total - mediaKeys.length;
	for (const hash of mediaKeys) {
		const media = await db.media.get(hash);
		if (media) {
			await writer.addMedia({ ...media, bytes: await mediaBytes(media.bytes) });
		}
		progress((done += 1));
	}
	const manifest = writer.finish();
	return { blob: sink.finish(), manifest };
}

/** The backup as bytes (tests, the bench): the app itself keeps the Blob. */
export async function createBackup(
	db: EngramDB,
	now: Date,
	options: BackupOptions = {}
): Promise<Uint8Array> {
	const { blob } = await createBackupBlob(db, now, options);
	return new Uint8Array(await blob.arrayBuffer());
}

/**
 * Reads and verifies a backup without writing anything (what the restore screen shows): from
 * bytes in memory, or a slice at a time from a file (see workers/file-source.ts).
 */
export async function verifyBackup(db: EngramDB, zip: ZipBytes): Promise<BackupReader> {
	await db.open();
	return openVerifiedBackup(zip, db.verno);
}

/** Stored as a Blob built a piece at a time from the zip: never the whole file in the heap. */
function toMediaRecord(media: RestoredMedia): MediaRecord {
	const { hash, name, type, mtime } = media;
	return { hash, name, type, mtime, bytes: media.blob() };
}

export interface RestoreOptions {
	/** Aborting it between pages rolls the whole restore back (a cancel). */
	signal?: AbortSignal;
	onProgress?: (fraction: number) => void;
	/** Records per page (tests use tiny pages to cross many page boundaries). */
	pageSize?: number;
	/** When the restore runs (its journal's start); defaults to the clock. */
	now?: Date;
	/** Runs first inside the journal (a replacing restore keeps its copy there: replace-restore.ts). */
	prepare?: (writes: JournaledWrites) => Promise<void>;
}

/** Between pages: stops if cancelled (throwing rolls the restore back), reports progress. */
function pageCheck(backup: BackupReader, { signal, onProgress }: RestoreOptions): PageCheck {
	const total = Math.max(
		1,
		Object.values(backup.manifest.counts).reduce((sum, count) => sum + count, 0)
	);
	let done = 0;
	return (records) => {
		signal?.throwIfAborted();
		done += records;
		onProgress?.(Math.min(1, done / total));
	};
}

/**
 * A restore ends what Browse's "undo the last bulk edit" and Today's "undo the deck deletion" can
 * mean: undoing would put back notes and cards over the restored ones. Cleared by the restore.
 */
async function forgetUndo(writes: JournaledWrites): Promise<void> {
	await writes.clear('bulkUndo');
	await writes.clear('deckUndo');
}

/** Clears every table, then writes the backup page by page. */
async function replaceAll(
	writes: JournaledWrites,
	backup: BackupReader,
	check: PageCheck,
	pageSize?: number
): Promise<RestoreSummary> {
	await forgetUndo(writes);
	await writeBackupTables(writes, backup, check, pageSize);
	return {
		mode: 'replace',
		added: { ...noneCounted(), ...backup.manifest.counts },
		updated: noneCounted(),
		removed: noneCounted()
	};
}

/**
 * Makes the backup's tables (every table a backup holds) exactly the backup: cleared, then
 * written page by page. Run again after being cut short, it ends the same.
 */
export async function writeBackupTables(
	writes: JournaledWrites,
	backup: BackupReader,
	check: PageCheck = () => undefined,
	pageSize?: number
): Promise<void> {
	for (const table of TABLE_NAMES) {
		await writes.clear(table);
	}
	for (const table of RECORD_TABLES) {
		await backup.eachPage(
			table,
			async (records) => {
				await writes.add(table, records);
				check(records.length);
			},
			pageSize
		);
	}
	await backup.eachMedia(async (media) => {
		await writes.add('media', [toMediaRecord(media)]);
		check(1);
	});
}

/** Merges record by record, page by page (see backup-merge.ts). */
async function mergeAll(
	writes: JournaledWrites,
	backup: BackupReader,
	check: PageCheck,
	pageSize?: number
): Promise<RestoreSummary> {
	const { db } = writes;
	await forgetUndo(writes);
	const counts = await mergePaged(writes, backup, check, pageSize);
	// Media are content-addressed: a hash already here is the same file.
	await backup.eachMedia(async (media) => {
		if ((await db.media.where('hash').equals(media.hash).count()) === 0) {
			await writes.add('media', [toMediaRecord(media)]);
			counts.added.media += 1;
		}
		check(1);
	});
	return { mode: 'merge' as const, ...counts };
}

/**
 * Restores a backup: verified in full first (a BackupError and no change if anything is wrong),
 * then written as one journaled write. `replace` makes the collection exactly the backup;
 * `merge` joins them the way a sync would.
 */
export async function restoreBackup(
	db: EngramDB,
	zip: ZipBytes,
	mode: RestoreMode,
	options: RestoreOptions = {}
): Promise<RestoreSummary> {
	return applyBackup(db, await verifyBackup(db, zip), mode, options);
}

/**
 * Writes a verified backup, all or nothing: a failed write or a cancel (the signal) part-way
 * rolls back what was written, and a worker terminated or a tab closed part-way is rolled back
 * at the next open (write-journal.ts), leaving the collection exactly as it was.
 */
export function applyBackup(
	db: EngramDB,
	backup: BackupReader,
	mode: RestoreMode,
	options: RestoreOptions = {}
): Promise<RestoreSummary> {
	const check = pageCheck(backup, options);
	const write = mode === 'replace' ? replaceAll : mergeAll;
	return journaled(db, 'restore', options.now ?? new Date(), async (writes) => {
		await options.prepare?.(writes);
		return write(writes, backup, check, options.pageSize);
	});
}

export type { BackupContent, BackupManifest, TableName };
