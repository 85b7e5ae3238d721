/** What an export reads from the collection: one or more decks with everything they need. */
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, ReviewRecord } from '../model';
import type { DeckPreset } from '../preset';

export interface ExportMedia {
	name: string;
	bytes: Uint8Array;
}

export interface ExportData {
	decks: DeckRecord[];
	/** The presets (deck options) the decks use. */
	presets: DeckPreset[];
	noteTypes: NoteTypeRecord[];
	notes: NoteRecord[];
	cards: CardRecord[];
	reviews: ReviewRecord[];
	media: ExportMedia[];
}

/** A file-name-safe version of a deck name, for the download. */
export function fileNameFor(deckName: string, extension: string): string {
	const base = deckName
		.replace(/::/g, ' - ')
		.replace(/[^\p{L}\p{N} ._-]+/gu, '')
		.trim();
	return `${base || 'deck'}.${extension}`;
}
