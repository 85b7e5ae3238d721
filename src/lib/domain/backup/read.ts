/**
 * Reads and verifies a backup before anything is written: a zip, a manifest Engram understands,
 * every table matching its checksum, every record well formed, every media file matching its
 * hash. Any failure is a BackupError with one sentence; nothing is ever half-read.
 */
import { unzipSync, type Unzipped } from 'fflate';
import * as v from 'valibot';
import { sha256Hex } from '../sha256';
import { parseJsonLines } from './canonical';
import {
	BACKUP_FORMAT_VERSION,
	BACKUP_MESSAGES as MESSAGES,
	BackupError,
	MANIFEST_ENTRY,
	TABLE_NAMES,
	mediaEntry,
	tableEntry,
	type BackupContent,
	type BackupManifest,
	type TableName
} from './format';
import { combinedChecksum } from './pack';
import { ManifestSchema, MediaLineSchema, PRIMARY_KEYS, RECORD_SCHEMAS } from './records';

/** Larger than any collection a phone holds; a bigger file is more likely an attack than data. */
export const MAX_BACKUP_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024;

export interface VerifiedBackup {
	manifest: BackupManifest;
	content: BackupContent;
}

function unzip(bytes: Uint8Array): Unzipped {
	if (bytes.length === 0) {
		throw new BackupError(MESSAGES.empty);
	}
	if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
		throw new BackupError(MESSAGES.notZip);
	}
	let unpacked = 0;
	try {
		return unzipSync(bytes, {
			filter: (file) => {
				unpacked += file.originalSize;
				if (unpacked > MAX_BACKUP_UNPACKED_BYTES) {
					throw new BackupError(MESSAGES.tooLarge);
				}
				return true;
			}
		});
	} catch (error) {
		throw error instanceof BackupError ? error : new BackupError(MESSAGES.badZip);
	}
}

/** The manifest alone, checked for format and version. */
function readManifest(entries: Unzipped, dbSchemaVersion: number): BackupManifest {
	const raw = entries[MANIFEST_ENTRY];
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
	return result.output;
}

async function verifyChecksums(entries: Unzipped, manifest: BackupManifest): Promise<void> {
	const actual = {} as Record<TableName, string>;
	for (const table of TABLE_NAMES) {
		const bytes = entries[tableEntry(table)];
		if (!bytes) {
			throw new BackupError(MESSAGES.checksum);
		}
		actual[table] = await sha256Hex(bytes);
		if (actual[table] !== manifest.tableChecksums[table]) {
			throw new BackupError(MESSAGES.checksum);
		}
	}
	if ((await combinedChecksum(actual)) !== manifest.checksum) {
		throw new BackupError(MESSAGES.checksum);
	}
}

function parseTable(entries: Unzipped, table: TableName, schema: v.GenericSchema): unknown[] {
	let records: unknown[];
	try {
		records = parseJsonLines(
			new TextDecoder('utf-8', { fatal: true }).decode(entries[tableEntry(table)])
		);
	} catch {
		throw new BackupError(MESSAGES.badRecords);
	}
	const key = PRIMARY_KEYS[table];
	const seen = new Set<string>();
	for (const record of records) {
		if (!v.is(schema, record)) {
			throw new BackupError(MESSAGES.badRecords);
		}
		const id = String((record as Record<string, unknown>)[key]);
		if (seen.has(id)) {
			throw new BackupError(MESSAGES.badRecords);
		}
		seen.add(id);
	}
	return records;
}

async function readMedia(entries: Unzipped): Promise<BackupContent['media']> {
	const lines = parseTable(entries, 'media', MediaLineSchema) as v.InferOutput<
		typeof MediaLineSchema
	>[];
	const media: BackupContent['media'] = [];
	for (const { hash, name, type, mtime, sha256 } of lines) {
		const bytes = entries[mediaEntry(sha256)];
		if (!bytes || (await sha256Hex(bytes)) !== sha256) {
			throw new BackupError(MESSAGES.checksum);
		}
		media.push({ hash, name, type, mtime, bytes });
	}
	return media;
}

/**
 * The verified manifest and content of a backup, or a BackupError. `dbSchemaVersion` is the
 * version this app's database has: a backup of a newer database is refused.
 */
export async function readBackup(
	bytes: Uint8Array,
	dbSchemaVersion: number
): Promise<VerifiedBackup> {
	const entries = unzip(bytes);
	const manifest = readManifest(entries, dbSchemaVersion);
	await verifyChecksums(entries, manifest);
	const content = { media: await readMedia(entries) } as BackupContent;
	for (const table of TABLE_NAMES) {
		if (table !== 'media') {
			(content as unknown as Record<TableName, unknown[]>)[table] = parseTable(
				entries,
				table,
				RECORD_SCHEMAS[table]
			);
		}
		if (content[table].length !== manifest.counts[table]) {
			throw new BackupError(MESSAGES.badRecords);
		}
	}
	return { manifest, content };
}
