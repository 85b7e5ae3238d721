/**
 * Reads and verifies a backup before anything is written: a zip, a manifest Engram understands,
 * every table matching its checksum, every record well formed, every media file matching its
 * hash. Any failure is a BackupError with one sentence; nothing is ever half-read.
 *
 * Tables are inflated one at a time and parsed in pages, so reading never holds the whole
 * unpacked backup: at most the zip, one table's text and one page of records.
 */
import { unzipSync, type Unzipped } from 'fflate';
import * as v from 'valibot';
import { sha256Hex } from '../sha256';
import { Sha256 } from '../sha256-stream';
import { parseJsonLines } from './canonical';
import {
	BACKUP_FORMAT_VERSION,
	BACKUP_MESSAGES as MESSAGES,
	BackupError,
	LATER_TABLES,
	MANIFEST_ENTRY,
	TABLE_NAMES,
	mediaEntry,
	tableEntry,
	type BackupContent,
	type BackupManifest,
	type BackupMedia,
	type TableName
} from './format';
import { combinedChecksum } from './pack';
import {
	ManifestSchema,
	MediaLineSchema,
	PRIMARY_KEYS,
	RECORD_SCHEMAS,
	type MediaLine
} from './records';

/** Larger than any collection a phone holds; a bigger file is more likely an attack than data. */
export const MAX_BACKUP_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

/** Records per page when a table is read in pages. */
export const PAGE_SIZE = 2000;

export type RecordTable = Exclude<TableName, 'media'>;

const NEWLINE = 0x0a;

/** The zip's entries named `wanted`, inflated; the size limit is checked on the whole zip. */
function inflate(bytes: Uint8Array, wanted: (name: string) => boolean): Unzipped {
	try {
		return unzipSync(bytes, { filter: (file) => wanted(file.name) });
	} catch {
		throw new BackupError(MESSAGES.badZip);
	}
}

function checkZip(bytes: Uint8Array): void {
	if (bytes.length === 0) {
		throw new BackupError(MESSAGES.empty);
	}
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
		throw new BackupError(MESSAGES.notZip);
	}
	let unpacked = 0;
	try {
		unzipSync(bytes, {
			filter: (file) => {
				unpacked += file.originalSize;
				if (unpacked > MAX_BACKUP_UNPACKED_BYTES) {
					throw new BackupError(MESSAGES.tooLarge);
				}
				return false;
			}
		});
	} catch (error) {
		throw error instanceof BackupError ? error : new BackupError(MESSAGES.badZip);
	}
}

/** The manifest alone, checked for format and version; tables it predates count as empty. */
function readManifest(bytes: Uint8Array, dbSchemaVersion: number): BackupManifest {
	const raw = inflate(bytes, (name) => name === MANIFEST_ENTRY)[MANIFEST_ENTRY];
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder().decode(raw));
	} catch {
		throw new BackupError(MESSAGES.noManifest);
	}
	// A newer format may change anything else in the manifest: check versions first.
	const versions = parsed as { formatVersion?: unknown; dbSchemaVersion?: unknown } | null;
	if (
		Number(versions?.formatVersion) > BACKUP_FORMAT_VERSION ||
		Number(versions?.dbSchemaVersion) > dbSchemaVersion
	) {
		throw new BackupError(MESSAGES.newer);
	}
	const result = v.safeParse(ManifestSchema, parsed);
	if (!result.success) {
		throw new BackupError(MESSAGES.noManifest);
	}
	const manifest = result.output as BackupManifest;
	for (const table of LATER_TABLES) {
		manifest.counts[table] ??= 0;
	}
	return manifest;
}

/** Splits a table's bytes into pages of whole lines and parses each; yields parsed records. */
function* pagesOf(text: Uint8Array, pageSize: number): Generator<unknown[]> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	let start = 0;
	while (start < text.length) {
		let end = start;
		for (let lines = 0; lines < pageSize && end < text.length; lines += 1) {
			const next = text.indexOf(NEWLINE, end);
			end = next === -1 ? text.length : next + 1;
		}
		const slice = text.subarray(start, end > start && text[end - 1] === NEWLINE ? end - 1 : end);
		let records: unknown[];
		try {
			records = parseJsonLines(decoder.decode(slice));
		} catch {
			throw new BackupError(MESSAGES.badRecords);
		}
		yield records;
		start = end;
	}
}

/** A verified-on-open backup: its manifest, and its tables read page by page on demand. */
export class BackupReader {
	readonly manifest: BackupManifest;
	readonly #bytes: Uint8Array;

	private constructor(bytes: Uint8Array, manifest: BackupManifest) {
		this.#bytes = bytes;
		this.manifest = manifest;
	}

	/** Checks the zip and manifest only (cheap); `verify` checks every byte. */
	static open(bytes: Uint8Array, dbSchemaVersion: number): BackupReader {
		checkZip(bytes);
		return new BackupReader(bytes, readManifest(bytes, dbSchemaVersion));
	}

	/** The table's raw lines, or undefined for a table the backup predates. */
	#tableBytes(table: TableName): Uint8Array | undefined {
		if (this.manifest.tableChecksums[table] === undefined && LATER_TABLES.includes(table)) {
			return undefined;
		}
		const entry = tableEntry(table);
		const bytes = inflate(this.#bytes, (name) => name === entry)[entry];
		if (!bytes) {
			throw new BackupError(MESSAGES.checksum);
		}
		return bytes;
	}

	/**
	 * Walks a table's records in pages, each page checked against the table's schema. Sync
	 * between pages except for `each`, so a caller can write the pages inside one transaction.
	 */
	async eachPage(
		table: RecordTable | 'media',
		each: (records: unknown[]) => Promise<void> | void,
		pageSize = PAGE_SIZE
	): Promise<void> {
		const bytes = this.#tableBytes(table);
		if (!bytes) {
			return;
		}
		const schema = table === 'media' ? MediaLineSchema : RECORD_SCHEMAS[table];
		for (const records of pagesOf(bytes, pageSize)) {
			if (!records.every((record) => v.is(schema, record))) {
				throw new BackupError(MESSAGES.badRecords);
			}
			await each(records);
		}
	}

	/** Every record of a table (for a merge, which compares whole collections). */
	async readTable(table: RecordTable): Promise<unknown[]> {
		const all: unknown[] = [];
		await this.eachPage(table, (records) => {
			all.push(...records);
		});
		return all;
	}

	/** Each media file with its bytes, one at a time (hashes checked by `verify`). */
	async eachMedia(
		each: (media: BackupMedia, sha256: string) => Promise<void> | void
	): Promise<void> {
		await this.eachPage('media', async (lines) => {
			for (const { hash, name, type, mtime, sha256 } of lines as MediaLine[]) {
				const entry = mediaEntry(sha256);
				const bytes = inflate(this.#bytes, (file) => file === entry)[entry];
				if (!bytes) {
					throw new BackupError(MESSAGES.checksum);
				}
				await each({ hash, name, type, mtime, bytes }, sha256);
			}
		});
	}

	/** Every table against its checksum, count and schema, keys unique, media against hashes. */
	async verify(): Promise<void> {
		const actual: Partial<Record<TableName, string>> = {};
		for (const table of TABLE_NAMES) {
			const bytes = this.#tableBytes(table);
			if (!bytes) {
				continue;
			}
			actual[table] = new Sha256().update(bytes).hex();
			if (actual[table] !== this.manifest.tableChecksums[table]) {
				throw new BackupError(MESSAGES.checksum);
			}
		}
		if (combinedChecksum(actual) !== this.manifest.checksum) {
			throw new BackupError(MESSAGES.checksum);
		}
		for (const table of TABLE_NAMES) {
			await this.#verifyRecords(table);
		}
		await this.eachMedia(async (media, sha256) => {
			if ((await sha256Hex(media.bytes)) !== sha256) {
				throw new BackupError(MESSAGES.checksum);
			}
		});
	}

	async #verifyRecords(table: TableName): Promise<void> {
		const key = PRIMARY_KEYS[table];
		const seen = new Set<string>();
		let count = 0;
		await this.eachPage(table, (records) => {
			for (const record of records) {
				const id = key(record as Record<string, unknown>);
				if (seen.has(id)) {
					throw new BackupError(MESSAGES.badRecords);
				}
				seen.add(id);
			}
			count += records.length;
		});
		if (count !== this.manifest.counts[table]) {
			throw new BackupError(MESSAGES.badRecords);
		}
	}

	/** The whole backup in memory (tests and merge use it; restore by replace pages instead). */
	async content(): Promise<BackupContent> {
		const content = { media: [] as BackupMedia[] } as unknown as BackupContent;
		for (const table of TABLE_NAMES) {
			if (table !== 'media') {
				(content as unknown as Record<RecordTable, unknown[]>)[table] = await this.readTable(table);
			}
		}
		await this.eachMedia((media) => {
			content.media.push(media);
		});
		return content;
	}
}

/**
 * Opens and verifies a backup in full, or throws a BackupError. `dbSchemaVersion` is the
 * version this app's database has: a backup of a newer database is refused.
 */
export async function openVerifiedBackup(
	bytes: Uint8Array,
	dbSchemaVersion: number
): Promise<BackupReader> {
	const reader = BackupReader.open(bytes, dbSchemaVersion);
	await reader.verify();
	return reader;
}
