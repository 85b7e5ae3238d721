/**
 * The collection's records, as stored. Designed for later CouchDB sync: every id is a globally
 * unique string, reviews are append-only events, a card's FSRS state can be rebuilt by replaying
 * its reviews, notes keep a modification time per field, and media are addressed by content hash.
 */
import type { Card as FsrsCard, Rating, State } from 'ts-fsrs';

/** A globally unique id (UUID or an imported GUID namespaced by its source). */
export type Id = string;

/** Where a card sits in the daily queue; suspended/buried cards are never shown. */
export type Queue = 'new' | 'learning' | 'review' | 'suspended' | 'buried';

export type NoteKind = 'date' | 'quote' | 'person' | 'place' | 'fact' | 'term';

export interface SourceAttribution {
	author: string;
	title: string;
	year: number;
	publisher?: string;
}

export interface DeckRecord {
	id: Id;
	/** Nested names use `::`, as in Anki: `History::Russia`. */
	name: string;
	description: string;
	presetId: Id;
	source?: SourceAttribution;
	createdAt: number;
	mtime: number;
}

export interface CardTemplate {
	name: string;
	front: string;
	back: string;
}

export interface NoteTypeRecord {
	id: Id;
	name: string;
	kind: 'standard' | 'cloze';
	fields: string[];
	templates: CardTemplate[];
	css: string;
	/**
	 * Index in `fields` of the field Anki sorts notes by (its `sortf`), from an Anki note type
	 * that sorts by another field than the first; absent: the first. An .apkg export writes it
	 * back, with each note's `sfld` taken from that field.
	 */
	sortField?: number;
	mtime: number;
}

export interface NoteRecord {
	id: Id;
	deckId: Id;
	noteTypeId: Id;
	fields: Record<string, string>;
	/** Per-field modification times (ms since epoch), so a later sync can merge field by field. */
	fieldMtimes: Record<string, number>;
	tags: string[];
	kind?: NoteKind;
	/** The short source sentence the note was built from, shown by "show source". */
	source?: string;
	createdAt: number;
	mtime: number;
}

/** A card: its FSRS memory state (ts-fsrs field names, unchanged) plus where it lives. */
export interface CardRecord extends FsrsCard {
	id: Id;
	noteId: Id;
	deckId: Id;
	/** Template ordinal (or cloze number - 1) of the note this card was generated from. */
	ord: number;
	queue: Queue;
	/** Order of new cards within their deck. */
	position: number;
	/** Anki-style flag: 0 none, 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple. */
	flag?: number;
	/** For a buried card: when (ms since epoch) it returns to its queue, the next study day. */
	buriedUntil?: number;
	/**
	 * Stable pseudo-random key in [0, 1) derived from the id, indexed for the random new order.
	 * Only on cards in the new queue (cards written before schema 12 may still carry it).
	 */
	shuffle?: number;
	/** `position` again, only on cards in the new queue: their index (domain/card-index-keys.ts). */
	newPosition?: number;
	mtime: number;
}

/**
 * One answer, written once and never changed. It holds the card's FSRS state before the answer
 * (as ts-fsrs's ReviewLog does), so `rollback` can restore the card and history can be replayed.
 */
export interface ReviewRecord {
	id: Id;
	cardId: Id;
	deckId: Id;
	rating: Rating;
	/** State before the answer. */
	state: State;
	due: Date;
	stability: number;
	difficulty: number;
	elapsed_days: number;
	last_elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	/** The card's due date before the answer (ts-fsrs's `due` above is its own log field). */
	cardDue: Date;
	/** The card's last review before this one, if any. */
	cardLastReview?: Date;
	/** When the answer was given. */
	review: Date;
	/** Milliseconds from showing the card to answering it. */
	duration: number;
	/** Siblings this answer buried until tomorrow, so undo can bring them back. */
	buriedSiblings?: Id[];
	/** This answer made the card a leech: what its preset did (tag, or tag and suspend). */
	leech?: 'tag' | 'suspend';
	/** This answer added the note's `leech` tag (it did not have it), so undo takes it off. */
	leechTagged?: boolean;
	/**
	 * On a reset row (rating Manual, the card made new): whether the reset zeroed the card's reps
	 * and lapses (false: it kept them), so a replay gives the stored counts. Its presence also marks
	 * the row as a reset. Rows written before the field existed lack it; their resets kept the
	 * counts, and a replay keeps them too.
	 */
	resetCounts?: boolean;
}

export interface SettingRecord {
	key: string;
	value: unknown;
	/** When the setting was last written (ms); a merge keeps the newer value. Older rows lack it. */
	mtime?: number;
}

/** The tables whose deletions are recorded, so a merge or a sync does not bring records back. */
export type TombstoneTable =
	'decks' | 'notes' | 'cards' | 'reviews' | 'presets' | 'settings' | 'filteredDecks';

/**
 * A deleted record: its table and id (the key, for settings) and when it was deleted. A record
 * changed after `deletedAt` on another device outlives it; a review (immutable) never does.
 */
export interface TombstoneRecord {
	table: TombstoneTable;
	id: Id;
	deletedAt: number;
}
