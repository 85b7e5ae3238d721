/**
 * Maps what a file brings onto the records the collection already holds, so importing our own
 * export (or a file that went through Anki and back) changes nothing that did not change:
 * - a note keeps its stored note type when the file's type has the same fields (an `.apkg` or
 *   text file cannot carry Engram's note type id), and the note's fields take the stored names;
 * - a card is the stored card of the same note and ordinal, whatever id the file derived;
 * - a review is a stored review of the same card with the same rating answered at (nearly) the
 *   same moment: Anki's revlog id is the answer time in ms, made unique by the exporter.
 */
import { cardId } from '../deck-records';
import { groupBy } from '../group-by';
import type { CardRecord, NoteRecord, NoteTypeRecord, ReviewRecord } from '../model';
import type { ImportBundle } from './bundle';

/** Records the collection already has for the notes of the file. */
export interface StoredNotes {
	notes: NoteRecord[];
	noteTypes: NoteTypeRecord[];
	/** Stored cards of those notes (at least those the file has cards for). */
	cards: CardRecord[];
}

/** The exporter moves a revlog id forward by a few ms when two answers share a millisecond. */
const SAME_ANSWER_MS = 1000;

/** Notes keep their stored note type, cards take the stored card's id (reviews follow them). */
export function alignNotesAndCards(bundle: ImportBundle, stored: StoredNotes): ImportBundle {
	if (stored.notes.length === 0) {
		return bundle;
	}
	const notes = alignNoteTypes(bundle, stored);
	const used = new Set(notes.map((n) => n.noteTypeId));
	const { cards, renamed } = alignCards(bundle.cards, stored.cards);
	return {
		...bundle,
		noteTypes: bundle.noteTypes.filter((t) => used.has(t.id)),
		notes,
		cards,
		reviews: bundle.reviews.map((r) => ({ ...r, cardId: renamed.get(r.cardId) ?? r.cardId }))
	};
}

/**
 * The file's notes renamed (`ids`: file id to stored id), with their cards and those cards'
 * reviews following: a note of an old export found under its bare Engram id.
 */
export function renameNotes(bundle: ImportBundle, ids: ReadonlyMap<string, string>): ImportBundle {
	if (ids.size === 0) {
		return bundle;
	}
	const cardIds = new Map<string, string>();
	const cards = bundle.cards.map((card) => {
		const noteId = ids.get(card.noteId);
		if (noteId === undefined) {
			return card;
		}
		const id = cardId(noteId, card.ord);
		cardIds.set(card.id, id);
		return { ...card, id, noteId };
	});
	return {
		...bundle,
		notes: bundle.notes.map((note) => ({ ...note, id: ids.get(note.id) ?? note.id })),
		cards,
		reviews: bundle.reviews.map((r) => ({ ...r, cardId: cardIds.get(r.cardId) ?? r.cardId }))
	};
}

/** Reviews the file brings that the collection already has under another id take that id. */
export function alignReviews(bundle: ImportBundle, stored: ReviewRecord[]): ImportBundle {
	return stored.length === 0
		? bundle
		: { ...bundle, reviews: matchReviews(bundle.reviews, stored) };
}

/** Same fields in the same order; a type the text importer made up only needs the same name and width. */
export function sameNoteType(incoming: NoteTypeRecord, stored: NoteTypeRecord): boolean {
	if (incoming.fields.join('\u001f') === stored.fields.join('\u001f')) {
		return true;
	}
	return (
		incoming.id.startsWith('text-nt:') &&
		incoming.name.toLowerCase() === stored.name.toLowerCase() &&
		incoming.fields.length === stored.fields.length
	);
}

function alignNoteTypes(bundle: ImportBundle, stored: StoredNotes): NoteRecord[] {
	const storedNotes = new Map(stored.notes.map((n) => [n.id, n]));
	const storedTypes = new Map(stored.noteTypes.map((t) => [t.id, t]));
	const incomingTypes = new Map(bundle.noteTypes.map((t) => [t.id, t]));
	return bundle.notes.map((note) => {
		const existing = storedNotes.get(note.id);
		const from = incomingTypes.get(note.noteTypeId);
		const to = existing && storedTypes.get(existing.noteTypeId);
		if (!existing || !from || !to || from.id === to.id || !sameNoteType(from, to)) {
			return note;
		}
		const rename = (name: string) => to.fields[from.fields.indexOf(name)] ?? name;
		const byName = <T>(record: Record<string, T>) =>
			Object.fromEntries(Object.entries(record).map(([name, value]) => [rename(name), value]));
		return {
			...note,
			noteTypeId: to.id,
			fields: byName(note.fields),
			fieldMtimes: byName(note.fieldMtimes)
		};
	});
}

const slot = (noteId: string, ord: number) => `${noteId}\u001f${ord}`;

function alignCards(
	incoming: CardRecord[],
	stored: CardRecord[]
): { cards: CardRecord[]; renamed: Map<string, string> } {
	const storedIds = new Map(stored.map((c) => [slot(c.noteId, c.ord), c.id]));
	const renamed = new Map<string, string>();
	const cards = incoming.map((card) => {
		const id = storedIds.get(slot(card.noteId, card.ord));
		if (id === undefined || id === card.id) {
			return card;
		}
		renamed.set(card.id, id);
		return { ...card, id };
	});
	return { cards, renamed };
}

function matchReviews(incoming: ReviewRecord[], stored: ReviewRecord[]): ReviewRecord[] {
	const storedIds = new Set(stored.map((r) => r.id));
	const incomingIds = new Set(incoming.map((r) => r.id));
	const unclaimed = groupBy(
		stored.filter((r) => !incomingIds.has(r.id)),
		(r) => r.cardId
	);
	const at = (r: ReviewRecord) => new Date(r.review).getTime();
	return incoming.map((review) => {
		if (storedIds.has(review.id)) {
			return review;
		}
		const candidates = unclaimed.get(review.cardId) ?? [];
		const gap = (s: ReviewRecord) =>
			s.rating === review.rating ? Math.abs(at(s) - at(review)) : Infinity;
		let nearest = -1;
		candidates.forEach((s, i) => {
			if (gap(s) <= SAME_ANSWER_MS && (nearest < 0 || gap(s) < gap(candidates[nearest]!))) {
				nearest = i;
			}
		});
		if (nearest < 0) {
			return review;
		}
		const [same] = candidates.splice(nearest, 1);
		return { ...review, id: same!.id };
	});
}
