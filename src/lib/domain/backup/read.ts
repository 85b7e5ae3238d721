/**
 * Reads and verifies a backup before anything is written: a zip, a manifest Engram understands,
 * every table matching its checksum, every record well formed, every media file matching its
 * hash. Any failure is a BackupError with one sentence; nothing is ever half-read.
 *
 * The zip is read a slice at a time (zip-entries.ts: from the File itself in the worker), tables
 * are inflated chunk by chunk and parsed in pages, so reading never holds the backup, packed or
 * unpacked: at most the central directory, one chunk and one page of records (and one media
 * file). Verifying keeps a running hash and count per table, and checks that keys strictly
 * increase (a backup is written in key order), so it needs no set of every id either.
 */
import * as v from 'valibot';
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
	type BackupManifest,
	type BackupMedia,
	type TableName
} from './format';
import { combinedChecksum } from './pack';
import {
	entryBlob,
	entryBytes,
	entryChunks,
	toSource,
	zipDirectory,
	type ZipBytes,
	type ZipEntry,
	type ZipSource
} from './zip-entries';
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

/** A media file of the backup being restored: its record, and its bytes when asked for. */
export interface RestoredMedia extends Omit<BackupMedia, 'bytes'> {
	blob(): Blob;
}

function checkZip(source: ZipSource): Map<string, ZipEntry> {
	if (source.size === 0) {
		throw new BackupError(MESSAGES.empty);
	}
	const magic = source.read(0, 4);
	if (magic.length < 4 || magic[0] !== 0x50 || magic[1] !== 0x4b) {
		throw new BackupError(MESSAGES.notZip);
	}
	const entries = zipDirectory(source);
	let unpacked = 0;
	for (const entry of entries.values()) {
		unpacked += entry.size;
	}
	if (unpacked > MAX_BACKUP_UNPACKED_BYTES) {
		throw new BackupError(MESSAGES.tooLarge);
	}
	return entries;
}

/** The manifest alone, checked for format and version; tables it predates count as empty. */
function readManifest(
	bytes: ZipSource,
	entries: Map<string, ZipEntry>,
	dbSchemaVersion: number
): BackupManifest {
	const entry = entries.get(MANIFEST_ENTRY);
	let parsed: unknown;
	try {
		parsed = JSON.parse(new TextDecoder().decode(entry && entryBytes(bytes, entry)));
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

function parsePage(lines: string[]): unknown[] {
	try {
		return parseJsonLines(lines.join('\n'));
	} catch {
		throw new BackupError(MESSAGES.badRecords);
	}
}

/**
 * Cuts a table's text, arriving in chunks, into pages of `pageSize` lines and parses each: only
 * one chunk and one page are alive at a time. `seen` gets every chunk (for the checksum).
 */
function* pagesOf(
	chunks: Iterable<Uint8Array>,
	pageSize: number,
	seen?: (chunk: Uint8Array) => void
): Generator<unknown[]> {
	const decoder = new TextDecoder('utf-8', { fatal: true });
	const decode = (chunk?: Uint8Array) => {
		try {
			return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
		} catch {
			throw new BackupError(MESSAGES.badRecords);
		}
	};
	let carry = '';
	let lines: string[] = [];
	for (const chunk of chunks) {
		seen?.(chunk);
		const parts = (carry + decode(chunk)).split('\n');
		carry = parts.pop()!;
		for (const line of parts) {
			lines.push(line);
			if (lines.length === pageSize) {
				yield parsePage(lines);
				lines = [];
			}
		}
	}
	const last = carry + decode();
	if (last.length > 0) {
		lines.push(last);
	}
	if (lines.length > 0) {
		yield parsePage(lines);
	}
}

/** A verified-on-open backup: its manifest, and its tables read page by page on demand. */
export class BackupReader {
	readonly manifest: BackupManifest;
	readonly #bytes: ZipSource;
	readonly #entries: Map<string, ZipEntry>;

	private constructor(bytes: ZipSource, entries: Map<string, ZipEntry>, dbSchemaVersion: number) {
		this.#bytes = bytes;
		this.#entries = entries;
		this.manifest = readManifest(bytes, entries, dbSchemaVersion);
	}

	/** Checks the zip and manifest only (cheap); `verify` checks every byte. */
	static open(zip: ZipBytes, dbSchemaVersion: number): BackupReader {
		const source = toSource(zip);
		return new BackupReader(source, checkZip(source), dbSchemaVersion);
	}

	#entry(name: string): ZipEntry {
		const entry = this.#entries.get(name);
		if (!entry) {
			throw new BackupError(MESSAGES.checksum);
		}
		return entry;
	}

	/** The table's text in chunks, or undefined for a table the backup predates. */
	#tableChunks(table: TableName): Iterable<Uint8Array> | undefined {
		if (this.manifest.tableChecksums[table] === undefined && LATER_TABLES.includes(table)) {
			return undefined;
		}
		return entryChunks(this.#bytes, this.#entry(tableEntry(table)));
	}

	/**
	 * Walks a table's records in pages, each page checked against the table's schema. Only
	 * synchronous work between pages except for `each`, so a caller can write the pages inside
	 * one IndexedDB transaction; only one page and one inflated chunk are held at a time.
	 */
	async eachPage(
		table: RecordTable | 'media',
		each: (records: unknown[]) => Promise<void> | void,
		pageSize = PAGE_SIZE,
		seen?: (chunk: Uint8Array) => void
	): Promise<void> {
		const chunks = this.#tableChunks(table);
		if (!chunks) {
			return;
		}
		const schema = table === 'media' ? MediaLineSchema : RECORD_SCHEMAS[table];
		for (const records of pagesOf(chunks, pageSize, seen)) {
			if (!records.every((record) => v.is(schema, record))) {
				throw new BackupError(MESSAGES.badRecords);
			}
			await each(records);
		}
	}

	/**
	 * Each media file, one at a time (hashes checked by `verify`): its bytes are read only if
	 * `blob()` is called, into a Blob a piece at a time, never whole into the heap.
	 */
	async eachMedia(each: (media: RestoredMedia) => Promise<void> | void): Promise<void> {
		await this.eachPage('media', async (lines) => {
			for (const { hash, name, type, mtime, sha256 } of lines as MediaLine[]) {
				const entry = this.#entry(mediaEntry(sha256));
				await each({ hash, name, type, mtime, blob: () => entryBlob(this.#bytes, entry, type) });
			}
		});
	}

	/** Each media file's bytes hashed chunk by chunk against the SHA-256 its line states. */
	async #verifyMedia(): Promise<void> {
		await this.eachPage('media', (lines) => {
			for (const { sha256 } of lines as MediaLine[]) {
				const hash = new Sha256();
				for (const chunk of entryChunks(this.#bytes, this.#entry(mediaEntry(sha256)))) {
					hash.update(chunk);
				}
				if (hash.hex() !== sha256) {
					throw new BackupError(MESSAGES.checksum);
				}
			}
		});
	}

	/**
	 * Every table against its checksum, count and schema, keys unique, media against hashes: one
	 * streamed pass per table. The combined checksum is checked first, so a table that matches
	 * its own line but not the manifest's identity is refused before any record is parsed.
	 */
	async verify(): Promise<void> {
		if (combinedChecksum(this.manifest.tableChecksums) !== this.manifest.checksum) {
			throw new BackupError(MESSAGES.checksum);
		}
		for (const table of TABLE_NAMES) {
			await this.#verifyTable(table);
		}
		await this.#verifyMedia();
	}

	async #verifyTable(table: TableName): Promise<void> {
		if (!this.#tableChunks(table)) {
			return;
		}
		const key = PRIMARY_KEYS[table];
		// Keys in strictly increasing order (as the backup writes them) are unique.
		let last: string | undefined;
		const hash = new Sha256();
		let count = 0;
		let parseError: unknown;
		try {
			await this.eachPage(
				table,
				(records) => {
					for (const record of records) {
						const id = key(record as Record<string, unknown>);
						if (last !== undefined && !(id > last)) {
							throw new BackupError(MESSAGES.badRecords);
						}
						last = id;
					}
					count += records.length;
				},
				PAGE_SIZE,
				(chunk) => hash.update(chunk)
			);
		} catch (error) {
			parseError = error;
		}
		// A damaged table is reported as damaged, not as unreadable: its hash decides first.
		if (parseError !== undefined) {
			this.#checkHash(table, this.#hashOf(table));
			throw parseError;
		}
		this.#checkHash(table, hash);
		if (count !== this.manifest.counts[table]) {
			throw new BackupError(MESSAGES.badRecords);
		}
	}

	#hashOf(table: TableName): Sha256 {
		const hash = new Sha256();
		for (const chunk of this.#tableChunks(table) ?? []) {
			hash.update(chunk);
		}
		return hash;
	}

	#checkHash(table: TableName, hash: Sha256): void {
		if (hash.hex() !== this.manifest.tableChecksums[table]) {
			throw new BackupError(MESSAGES.checksum);
		}
	}
}

/**
 * Opens and verifies a backup in full, or throws a BackupError. `dbSchemaVersion` is the
 * version this app's database has: a backup of a newer database is refused.
 */
export async function openVerifiedBackup(
	zip: ZipBytes,
	dbSchemaVersion: number
): Promise<BackupReader> {
	const reader = BackupReader.open(zip, dbSchemaVersion);
	await reader.verify();
	return reader;
}
