/** Engram's own deck JSON (decks/README.md), validated by the same schema as the bundled decks. */
import { parseDeckJson } from '../deck-file';
import { deckFileToRecords } from '../deck-records';
import { BUILTIN_NOTE_TYPES } from '../note-types';
import type { ImportBundle } from './bundle';
import { decodeText } from './text-format';

export function engramJsonToBundle(bytes: Uint8Array, now: Date): ImportBundle {
	const file = parseDeckJson(decodeText(bytes));
	const { deck, notes, cards } = deckFileToRecords(file, now);
	const typeIds = new Set(notes.map((n) => n.noteTypeId));
	return {
		format: 'engram-json',
		decks: [deck],
		noteTypes: Object.values(BUILTIN_NOTE_TYPES).filter((t) => typeIds.has(t.id)),
		notes,
		cards,
		reviews: [],
		media: [],
		skipped: [],
		warnings: [],
		source: { decks: 1, revlog: 0 }
	};
}
