/** What the deck exports share: their error, the deck tree they cover, and media bytes. */
import type { ExportMedia } from '$lib/domain/export/export-data';
import type { DeckRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, DEFAULT_PRESET_ID, type DeckPreset } from '$lib/domain/preset';
import type { EngramDB, MediaRecord } from './db';

/** A problem the user can act on (the message says which). */
export class ExportError extends Error {
	override name = 'ExportError';
}

/** The deck and every deck nested under it (`Name::…`), the chosen deck first. */
function deckSubtree(all: DeckRecord[], root: DeckRecord): DeckRecord[] {
	const prefix = `${root.name}::`;
	const nested = all.filter((d) => d.name.startsWith(prefix));
	return [root, ...nested.sort((a, b) => a.name.localeCompare(b.name))];
}

/** The tables a deck export reads, all in its one read transaction. */
export function exportTables(db: EngramDB) {
	return [db.decks, db.presets, db.noteTypes, db.notes, db.cards, db.reviews, db.media];
}

/** Inside that transaction: the presets the decks use (the default one even if never saved). */
export async function readPresets(db: EngramDB, decks: DeckRecord[]): Promise<DeckPreset[]> {
	const ids = [...new Set(decks.map((d) => d.presetId))];
	const stored = await db.presets.bulkGet(ids);
	return ids
		.map((id, i) => stored[i] ?? (id === DEFAULT_PRESET_ID ? DEFAULT_PRESET : undefined))
		.filter((preset) => preset !== undefined);
}

/** Inside that transaction: the chosen deck and its subdecks, or the error saying it is gone. */
export async function readDeckTree(db: EngramDB, deckId: string): Promise<DeckRecord[]> {
	const root = await db.decks.get(deckId);
	if (!root) {
		throw new ExportError('This deck does not exist any more.');
	}
	return deckSubtree(await db.decks.toArray(), root);
}

/** One file per name (the newest), as bytes: read after the transaction, Blobs are async. */
export async function mediaBytes(records: MediaRecord[]): Promise<ExportMedia[]> {
	const newest = new Map<string, MediaRecord>();
	for (const record of records) {
		const seen = newest.get(record.name);
		if (!seen || seen.mtime < record.mtime) {
			newest.set(record.name, record);
		}
	}
	return Promise.all(
		[...newest.values()].map(async (m) => ({
			name: m.name,
			bytes: new Uint8Array(m.bytes instanceof Blob ? await m.bytes.arrayBuffer() : m.bytes)
		}))
	);
}
