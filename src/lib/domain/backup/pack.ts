/**
 * Writes a backup zip as a stream: each table's records arrive page by page and leave as
 * deflated chunks straight away (canonical lines, hashed as they pass), media files one at a
 * time, the manifest last. Nothing holds the whole collection or the whole zip: the caller
 * decides where the chunks go (a Blob, which keeps them outside the JS heap).
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { sha256Hex } from '../sha256';
import { Sha256 } from '../sha256-stream';
import { canonicalJson } from './canonical';
import {
	BACKUP_FORMAT,
	BACKUP_FORMAT_VERSION,
	MANIFEST_ENTRY,
	TABLE_NAMES,
	mediaEntry,
	tableEntry,
	type BackupMedia,
	type BackupManifest,
	type TableCounts,
	type TableName
} from './format';
import type { MediaLine } from './records';

export interface PackOptions {
	appVersion: string;
	dbSchemaVersion: number;
	now: Date;
	/** Receives the zip's bytes in order, as they are made. */
	onData: (chunk: Uint8Array) => void;
}

const encoder = new TextEncoder();
/** Level 1: JSON lines shrink almost as much as at level 6, in a fraction of the time. */
const LEVEL = 1;

/** The backup's identity: one hash over the table hashes present, in a fixed order. */
export function combinedChecksum(tableChecksums: Partial<Record<TableName, string>>): string {
	const lines = TABLE_NAMES.filter((table) => tableChecksums[table] !== undefined)
		.map((table) => `${table}:${tableChecksums[table]}`)
		.join('\n');
	return new Sha256().update(encoder.encode(lines)).hex();
}

/** One table's entry: canonical lines joined by newlines, hashed and deflated as they come. */
export interface TableStream {
	add(records: readonly unknown[]): void;
	end(): void;
}

export class BackupWriter {
	#zip: Zip;
	#options: PackOptions;
	#failure: Error | undefined;
	#counts = {} as TableCounts;
	#checksums = {} as Record<TableName, string>;
	#media: MediaLine[] = [];

	constructor(options: PackOptions) {
		this.#options = options;
		this.#zip = new Zip((error, chunk) => {
			if (error) {
				this.#failure ??= error;
			} else {
				options.onData(chunk);
			}
		});
	}

	/** Opens a table's entry; feed it pages in key order, then end it. */
	table(table: Exclude<TableName, 'media'>): TableStream {
		return this.#tableStream(table);
	}

	/** Adds one media file (stored as it is: pictures and sound are compressed already). */
	async addMedia(media: BackupMedia): Promise<void> {
		const sha256 = await sha256Hex(media.bytes);
		const entry = new ZipPassThrough(mediaEntry(sha256));
		entry.mtime = this.#options.now;
		this.#zip.add(entry);
		entry.push(media.bytes, true);
		const { hash, name, type, mtime } = media;
		this.#media.push({ hash, name, type, mtime, sha256, size: media.bytes.length });
		this.#check();
	}

	/** Writes the media list and the manifest and closes the zip; returns the manifest. */
	finish(): BackupManifest {
		const media = this.#tableStream('media');
		media.add(this.#media);
		media.end();
		const checksums = this.#checksums;
		const manifest: BackupManifest = {
			format: BACKUP_FORMAT,
			formatVersion: BACKUP_FORMAT_VERSION,
			appVersion: this.#options.appVersion,
			dbSchemaVersion: this.#options.dbSchemaVersion,
			createdAt: this.#options.now.toISOString(),
			counts: Object.fromEntries(TABLE_NAMES.map((t) => [t, this.#counts[t] ?? 0])) as TableCounts,
			tableChecksums: Object.fromEntries(TABLE_NAMES.map((t) => [t, checksums[t]])) as Record<
				TableName,
				string
			>,
			checksum: combinedChecksum(checksums)
		};
		const entry = new ZipDeflate(MANIFEST_ENTRY, { level: LEVEL });
		entry.mtime = this.#options.now;
		this.#zip.add(entry);
		entry.push(encoder.encode(JSON.stringify(manifest, null, '\t')), true);
		this.#zip.end();
		this.#check();
		return manifest;
	}

	#tableStream(table: TableName): TableStream {
		const entry = new ZipDeflate(tableEntry(table), { level: LEVEL });
		entry.mtime = this.#options.now;
		this.#zip.add(entry);
		const hasher = new Sha256();
		let count = 0;
		return {
			add: (records) => {
				if (records.length === 0) {
					return;
				}
				const text = records.map((record) => canonicalJson(record)).join('\n');
				const bytes = encoder.encode(count === 0 ? text : `\n${text}`);
				count += records.length;
				hasher.update(bytes);
				entry.push(bytes);
				this.#check();
			},
			end: () => {
				entry.push(new Uint8Array(0), true);
				this.#counts[table] = count;
				this.#checksums[table] = hasher.hex();
				this.#check();
			}
		};
	}

	#check(): void {
		if (this.#failure) {
			throw this.#failure;
		}
	}
}
