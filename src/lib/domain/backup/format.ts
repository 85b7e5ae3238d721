/**
 * The Engram backup file: one zip holding every table of the collection as canonical JSON lines
 * (`tables/<table>.jsonl`), each media file once by its SHA-256 (`media/<sha256>`), and a
 * `manifest.json` with counts and checksums. The checksum covers the content only (not the time
 * or app version), so the same collection always gives the same checksum.
 */
import type {
	CardRecord,
	DeckRecord,
	NoteRecord,
	NoteTypeRecord,
	ReviewRecord,
	SettingRecord,
	TombstoneRecord
} from '../model';
import type { DeckPreset } from '../preset';
import type { FilteredDeckRecord, PreviewRecord } from '../custom-study/filtered';
import type { LimitExtension } from '../custom-study/limit-extension';

export const BACKUP_FORMAT = 'engram-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

/** Every table of the `engram` database, in the order they are checksummed and written. */
export const TABLE_NAMES = [
	'decks',
	'noteTypes',
	'notes',
	'cards',
	'reviews',
	'media',
	'presets',
	'settings',
	'tombstones',
	'limitExtensions',
	'filteredDecks',
	'previews'
] as const;

export type TableName = (typeof TABLE_NAMES)[number];

/**
 * Tables added after the first backups were made: a backup without them holds none (it left
 * out no data, the table did not exist), and its checksum covers only the tables it has.
 */
export const LATER_TABLES: readonly TableName[] = [
	'tombstones',
	'limitExtensions',
	'filteredDecks',
	'previews'
];

/** A media file with its bytes, as a backup carries it (the database may hold a Blob). */
export interface BackupMedia {
	hash: string;
	name: string;
	type: string;
	mtime: number;
	bytes: Uint8Array;
}

/** The whole collection, table by table, in primary-key order. */
export interface BackupContent {
	decks: DeckRecord[];
	noteTypes: NoteTypeRecord[];
	notes: NoteRecord[];
	cards: CardRecord[];
	reviews: ReviewRecord[];
	media: BackupMedia[];
	presets: DeckPreset[];
	settings: SettingRecord[];
	tombstones: TombstoneRecord[];
	limitExtensions: LimitExtension[];
	filteredDecks: FilteredDeckRecord[];
	previews: PreviewRecord[];
}

export type TableCounts = Record<TableName, number>;

export interface BackupManifest {
	format: typeof BACKUP_FORMAT;
	formatVersion: number;
	appVersion: string;
	dbSchemaVersion: number;
	/** ISO 8601. */
	createdAt: string;
	counts: TableCounts;
	/** SHA-256 of each table's canonical lines. */
	tableChecksums: Record<TableName, string>;
	/** SHA-256 over the table checksums, in TABLE_NAMES order (those present): its identity. */
	checksum: string;
}

export function tableEntry(table: TableName): string {
	return `tables/${table}.jsonl`;
}

export function mediaEntry(sha256: string): string {
	return `media/${sha256}`;
}

export function countRecords(content: BackupContent): TableCounts {
	return Object.fromEntries(
		TABLE_NAMES.map((table) => [table, content[table].length])
	) as TableCounts;
}

/** A backup that cannot be restored; the message is one sentence for the user. */
export class BackupError extends Error {
	override name = 'BackupError';
}

export const BACKUP_MESSAGES = {
	empty: 'The file is empty, so there is nothing to restore.',
	notZip: 'This is not an Engram backup: the file is not a zip archive.',
	badZip: 'The backup is damaged or incomplete: its zip archive cannot be read.',
	noManifest: 'This is not an Engram backup: it has no valid manifest.',
	newer: 'This backup was made by a newer version of Engram: update Engram, then restore it.',
	checksum:
		'The backup is damaged: its contents do not match its checksum, so nothing was restored.',
	badRecords: 'The backup holds records Engram cannot read, so nothing was restored.',
	tooLarge: 'The backup is too large to restore on this device.'
} as const;

/** The name a downloaded backup gets: `engram-backup-2026-11-29.zip` (local date). */
export function backupFileName(now: Date | number): string {
	const date = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `engram-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}
