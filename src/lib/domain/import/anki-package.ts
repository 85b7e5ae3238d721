/**
 * Opens an Anki package (.apkg/.colpkg). The `meta` entry decides the generation, not the file
 * name: no meta → legacy (collection.anki21 if present, else collection.anki2); version 2 →
 * collection.anki21; version 3 → zstd collection.anki21b, zstd protobuf media list, zstd media.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { readCollection, type AnkiCollection } from './anki-collection';
import { ImportError, MESSAGES, unknownPackageVersion } from './errors';
import { isSafeMediaName } from './media-names';
import { decodeMessage, protoMessages, protoString, protoVarint } from './protobuf';
import { openDatabase } from './sqlite';
import { readZip } from './zip';
import { unzstd } from './zstd';

export type AnkiGeneration = 'anki2' | 'anki21' | 'anki21b';

export interface PackageMedia {
	name: string;
	bytes: Uint8Array;
}

export interface AnkiPackage {
	generation: AnkiGeneration;
	collection: AnkiCollection;
	media: PackageMedia[];
	warnings: string[];
}

function packageVersion(entries: Record<string, Uint8Array>): number {
	const meta = entries.meta;
	if (!meta) {
		return entries['collection.anki21'] ? 2 : 1;
	}
	// PackageMetadata: version = 1 (1 legacy 1, 2 legacy 2, 3 latest).
	return protoVarint(decodeMessage(meta, MESSAGES.badMeta), 1);
}

const COLLECTION_FILE: Record<number, AnkiGeneration> = { 1: 'anki2', 2: 'anki21', 3: 'anki21b' };

export function readAnkiPackage(bytes: Uint8Array, sql: SqlJsStatic): AnkiPackage {
	const entries = readZip(bytes);
	const { generation, db } = openCollection(entries, sql);
	try {
		const collection = readCollection(db);
		const warnings: string[] = [];
		const media = readMedia(entries, generation === 'anki21b', warnings);
		return { generation, collection, media, warnings };
	} finally {
		db.close();
	}
}

/** The package's collection as an SQLite database, which the caller closes. */
export function openCollection(
	entries: Record<string, Uint8Array>,
	sql: SqlJsStatic
): { generation: AnkiGeneration; db: Database } {
	const version = packageVersion(entries);
	const generation = COLLECTION_FILE[version];
	if (!generation) {
		throw new ImportError(unknownPackageVersion(version));
	}
	const stored = entries[`collection.${generation}`];
	if (!stored) {
		throw new ImportError(MESSAGES.noCollection);
	}
	const db = openDatabase(sql, generation === 'anki21b' ? unzstd(stored) : stored);
	return { generation, db };
}

/** Media list entries: name and the zip entry that holds the bytes. */
function mediaList(entries: Record<string, Uint8Array>, latest: boolean): [string, string][] {
	const raw = entries.media;
	if (!raw || raw.length === 0) {
		return [];
	}
	if (latest) {
		// MediaEntries { repeated MediaEntry entries = 1 }, MediaEntry { name = 1, size = 2,
		// sha1 = 3, legacy_zip_filename = 255 }; files are stored as "0", "1", … by position.
		const list = decodeMessage(unzstd(raw, MESSAGES.badZip), MESSAGES.badZip);
		return protoMessages(list, 1).map((entry, index) => {
			const fields = decodeMessage(entry, MESSAGES.badZip);
			const legacy = fields.some((f) => f.no === 255) ? protoVarint(fields, 255) : index;
			return [protoString(fields, 1), String(legacy)];
		});
	}
	let map: unknown;
	try {
		map = JSON.parse(new TextDecoder().decode(raw));
	} catch {
		throw new ImportError(MESSAGES.badZip);
	}
	if (!map || typeof map !== 'object') {
		throw new ImportError(MESSAGES.badZip);
	}
	return Object.entries(map as Record<string, unknown>).map(([key, name]) => [String(name), key]);
}

function readMedia(
	entries: Record<string, Uint8Array>,
	latest: boolean,
	warnings: string[]
): PackageMedia[] {
	const media: PackageMedia[] = [];
	for (const [name, key] of mediaList(entries, latest)) {
		if (!isSafeMediaName(name)) {
			warnings.push(
				`Skipped a media file with an unsafe name: ${JSON.stringify(name.slice(0, 80))}.`
			);
			continue;
		}
		const stored = entries[key];
		if (!stored) {
			warnings.push(`The media file "${name}" is listed but missing from the package.`);
			continue;
		}
		try {
			media.push({ name, bytes: latest ? unzstd(stored) : stored });
		} catch {
			warnings.push(`The media file "${name}" is damaged and was skipped.`);
		}
	}
	return media;
}
