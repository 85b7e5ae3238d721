/**
 * What every importer produces: the records to write, the media to store, and what to tell the
 * user. Ids are derived from the source (Anki GUIDs, deck names, first fields) so importing the
 * same file again finds the same records and merges instead of duplicating.
 */
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord, ReviewRecord } from '../model';
import type { DeckPreset } from '../preset';

export type ImportFormat =
	| 'apkg-anki2'
	| 'apkg-anki21'
	| 'apkg-anki21b'
	| 'colpkg-anki2'
	| 'colpkg-anki21'
	| 'colpkg-anki21b'
	| 'csv'
	| 'tsv'
	| 'engram-json';

export interface ImportedMedia {
	name: string;
	type: string;
	bytes: Uint8Array;
}

/** A note the importer left out, with the reason shown in the summary. */
export interface SkippedNote {
	where: string;
	reason: string;
}

export interface ImportBundle {
	format: ImportFormat;
	decks: DeckRecord[];
	noteTypes: NoteTypeRecord[];
	notes: NoteRecord[];
	cards: CardRecord[];
	reviews: ReviewRecord[];
	media: ImportedMedia[];
	/**
	 * Deck options presets the decks use (Engram JSON carries them; Anki packages' deck configs
	 * become presets too): added, or updated if newer.
	 */
	presets?: DeckPreset[];
	/** Ids of decks to make even with no cards (an Engram JSON file lists its empty subdecks). */
	keepDecks?: string[];
	skipped: SkippedNote[];
	warnings: string[];
	/** Counts in the source file, for `inspect` and the summary. */
	source: { decks: number; revlog: number };
}

export type ProgressHandler = (phase: string, fraction: number) => void;
