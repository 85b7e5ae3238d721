/**
 * Writes an import into the collection as one journaled write (write-journal.ts): transactions
 * under about 1 MiB each, rolled back by the app if anything fails, and at the next open if the
 * worker was stopped (a cancel) or the tab closed, so the collection is left exactly as it was. Re-importing merges by note id (Anki GUID, the Engram id
 * an Engram export wrote into the GUID, or a derived id), with cards and reviews mapped onto the
 * stored ones (import-identity.ts): new notes are added, changed notes updated field by field, unchanged ones left alone;
 * existing cards keep their Engram scheduling unless the file brings newer reviews for them.
 */
import type { ImportBundle, SkippedNote } from '$lib/domain/import/bundle';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { isBuiltinNoteType } from '$lib/domain/note-types';
import type { DeckPreset } from '$lib/domain/preset';
import type { EngramDB } from './db';
import { toMediaRecords } from './media';
import { ensureDefaults } from './defaults';
import { alignWithCollection } from './import-identity';
import { presetsOfNewDecks, reuseStoredPresets, type PresetsOfNewDecks } from './import-presets';
import { storedById } from './stored-by-id';
import { journaled, type JournaledWrites } from './write-journal';

export interface ImportSummary {
	format: ImportBundle['format'];
	decks: string[];
	added: number;
	updated: number;
	unchanged: number;
	skipped: SkippedNote[];
	cardsAdded: number;
	reviewsAdded: number;
	mediaAdded: number;
	/** The presets the new decks got (import-presets.ts). */
	presets: PresetsOfNewDecks;
	warnings: string[];
}

export type CommitProgress = (fraction: number) => void;

const CHUNK = 2000;

function sameFields(a: Record<string, string>, b: Record<string, string>): boolean {
	const names = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...names].every((name) => (a[name] ?? '') === (b[name] ?? ''));
}

function sameContent(a: NoteRecord, b: NoteRecord): boolean {
	return (
		a.noteTypeId === b.noteTypeId &&
		sameFields(a.fields, b.fields) &&
		JSON.stringify([...a.tags].sort()) === JSON.stringify([...b.tags].sort())
	);
}

/** The stored note updated with the imported fields; only changed fields get a new mtime. */
function mergeNote(stored: NoteRecord, incoming: NoteRecord, time: number): NoteRecord {
	const fieldMtimes = { ...stored.fieldMtimes };
	for (const [name, value] of Object.entries(incoming.fields)) {
		if (stored.fields[name] !== value) {
			fieldMtimes[name] = time;
		}
	}
	return {
		...stored,
		noteTypeId: incoming.noteTypeId,
		fields: incoming.fields,
		fieldMtimes,
		tags: incoming.tags,
		mtime: time
	};
}

export async function commitImport(
	db: EngramDB,
	file: ImportBundle,
	now: Date,
	onProgress?: CommitProgress
): Promise<ImportSummary> {
	const time = now.getTime();
	const media = await toMediaRecords(file.media, now);
	await ensureDefaults(db);
	return journaled(db, 'import', now, async (writes) => {
		const bundle = await reuseStoredPresets(db, await alignWithCollection(db, file));
		const { ids: deckIds, added } = await mergeDecks(writes, bundle);
		await mergePresets(writes, bundle.presets ?? [], added);
		const remap = (id: string) => deckIds.get(id) ?? id;
		await mergeNoteTypes(
			writes,
			bundle.noteTypes.filter((t) => !isBuiltinNoteType(t.id))
		);

		const stored = await storedById(
			db.notes,
			bundle.notes.map((n) => n.id)
		);
		const toAdd: NoteRecord[] = [];
		const toUpdate: NoteRecord[] = [];
		bundle.notes.forEach((note, i) => {
			const existing = stored[i];
			if (!existing) {
				toAdd.push({ ...note, deckId: remap(note.deckId) });
			} else if (!sameContent(existing, note)) {
				toUpdate.push(mergeNote(existing, note, time));
			}
		});
		await bulkInChunks(
			toAdd,
			(chunk) => writes.add('notes', chunk),
			(f) => onProgress?.(f * 0.3)
		);
		await writes.put('notes', toUpdate);

		const { cardsAdded, reviewsAdded } = await mergeCardsAndReviews(
			writes,
			bundle,
			remap,
			onProgress
		);
		const storedMedia = await db.media.bulkGet(media.map((m) => m.hash));
		const newMedia = media.filter(
			(m, i) => !storedMedia[i] && !media.slice(0, i).some((o) => o.hash === m.hash)
		);
		await writes.add('media', newMedia);
		const presets = await presetsOfNewDecks(db, added);
		onProgress?.(1);
		return {
			format: bundle.format,
			decks: bundle.decks.map((d) => d.name),
			added: toAdd.length,
			updated: toUpdate.length,
			unchanged: bundle.notes.length - toAdd.length - toUpdate.length,
			skipped: bundle.skipped,
			cardsAdded,
			reviewsAdded,
			mediaAdded: newMedia.length,
			presets,
			warnings: bundle.warnings
		};
	});
}

/** Note types are written when new or when their fields, templates, CSS or sort field changed. */
async function mergeNoteTypes(writes: JournaledWrites, types: NoteTypeRecord[]): Promise<void> {
	const stored = await writes.db.noteTypes.bulkGet(types.map((t) => t.id));
	const shape = (t: NoteTypeRecord) =>
		JSON.stringify([t.name, t.kind, t.fields, t.templates, t.css, t.sortField ?? 0]);
	await writes.put(
		'noteTypes',
		types.filter((t, i) => !stored[i] || shape(stored[i]) !== shape(t))
	);
}

/**
 * Presets are added with a new deck that uses them (decks the user has keep their own, so a
 * re-import adds no unused preset) and updated when the file's copy was changed later.
 */
async function mergePresets(
	writes: JournaledWrites,
	presets: DeckPreset[],
	addedDecks: DeckRecord[]
): Promise<void> {
	const used = new Set(addedDecks.map((d) => d.presetId));
	const stored = await writes.db.presets.bulkGet(presets.map((p) => p.id));
	await writes.put(
		'presets',
		presets.filter((p, i) => (stored[i] ? stored[i].mtime < p.mtime : used.has(p.id)))
	);
}

/** Decks merge by name, as in Anki: an imported "Spanish" joins the user's "Spanish". */
async function mergeDecks(
	writes: JournaledWrites,
	bundle: ImportBundle
): Promise<{ ids: Map<string, string>; added: DeckRecord[] }> {
	const { db } = writes;
	const ids = new Map<string, string>();
	const existing = await db.decks
		.where('name')
		.anyOf(bundle.decks.map((d) => d.name))
		.toArray();
	const missing = bundle.decks.filter((deck) => {
		const found = existing.find((d) => d.name === deck.name);
		if (found) {
			ids.set(deck.id, found.id);
		}
		return !found;
	});
	// A parent the collection lacks is made only for a new deck under it: re-importing into a
	// collection whose "History" is just a name prefix must not add a "History" deck.
	const used = new Set([...bundle.cards.map((c) => c.deckId), ...(bundle.keepDecks ?? [])]);
	const newNames = missing.filter((d) => used.has(d.id)).map((d) => d.name);
	const needed = missing.filter((d) =>
		newNames.some((name) => name === d.name || name.startsWith(`${d.name}::`))
	);
	const clashing = await db.decks.bulkGet(needed.map((d) => d.id));
	const added = needed.filter((_, i) => !clashing[i]);
	await writes.add('decks', added);
	return { ids, added };
}

async function mergeCardsAndReviews(
	writes: JournaledWrites,
	bundle: ImportBundle,
	remap: (id: string) => string,
	onProgress?: CommitProgress
): Promise<{ cardsAdded: number; reviewsAdded: number }> {
	const { db } = writes;
	const storedReviews = await storedById(
		db.reviews,
		bundle.reviews.map((r) => r.id)
	);
	const newReviews = bundle.reviews.filter((_, i) => !storedReviews[i]);
	const cardsWithNewReviews = new Set(newReviews.map((r) => r.cardId));
	const storedCards = await storedById(
		db.cards,
		bundle.cards.map((c) => c.id)
	);
	const newCards: CardRecord[] = [];
	const changedCards: CardRecord[] = [];
	bundle.cards.forEach((card, i) => {
		const existing = storedCards[i];
		if (!existing) {
			newCards.push({ ...card, deckId: remap(card.deckId) });
		} else if (cardsWithNewReviews.has(card.id) && isNewer(card, existing)) {
			// The file has history this device never saw: take the state rebuilt from all of it.
			changedCards.push({
				...card,
				id: existing.id,
				deckId: existing.deckId,
				position: existing.position
			});
		}
	});
	// New cards are added without reading what they would replace (nothing).
	await bulkInChunks(
		newCards,
		(chunk) => writes.add('cards', chunk),
		(f) => onProgress?.(0.3 + f * 0.4)
	);
	await writes.put('cards', changedCards);
	const cards = [...newCards, ...changedCards];
	const deckOf = new Map(cards.map((c) => [c.id, c.deckId]));
	const reviews = newReviews.map((r) => ({
		...r,
		deckId: deckOf.get(r.cardId) ?? remap(r.deckId)
	}));
	await bulkInChunks(
		reviews,
		(chunk) => writes.add('reviews', chunk),
		(f) => onProgress?.(0.7 + f * 0.3)
	);
	return { cardsAdded: newCards.length, reviewsAdded: reviews.length };
}

function isNewer(incoming: CardRecord, stored: CardRecord): boolean {
	const last = (c: CardRecord) => (c.last_review ? new Date(c.last_review).getTime() : 0);
	return last(incoming) > last(stored);
}

async function bulkInChunks<T>(
	items: T[],
	write: (chunk: T[]) => Promise<unknown>,
	progress: (fraction: number) => void
): Promise<void> {
	for (let i = 0; i < items.length; i += CHUNK) {
		await write(items.slice(i, i + CHUNK));
		progress(Math.min(1, (i + CHUNK) / items.length));
	}
}
