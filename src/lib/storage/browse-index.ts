/**
 * Answers search leaves through IndexedDB indexes, as card-id tests, without reading a card:
 * deck (deckId), is: ([deckId+queue+due], deck by deck), flag (flag), cid (the key), nid (noteId), tag (notes' *tags,
 * then noteId), note type (noteTypeId, then noteId), added: and edited: (notes' createdAt and
 * mtime, then noteId), preset: (the decks using it, then deckId) and rated:, introduced: and
 * resched: (the reviews' `review` index, reading only that window's reviews). Text, fields,
 * regexes, card:, dupe:, is:leech and prop: need the records.
 */
import type { BrowseState, Leaf } from '$lib/domain/search/ast';
import { daysBefore } from '$lib/domain/search/evaluate';
import { globMatcher, nameMatcher } from '$lib/domain/search/glob';
import type { DeckRecord, NoteTypeRecord, ReviewRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, DEFAULT_PRESET_ID, type DeckPreset } from '$lib/domain/preset';
import type { EngramDB } from './db';
import { cardsInDecks, inEveryDeck, type QueueRange } from './deck-rows';

/** A leaf answered by an index: a membership test, and the ids themselves when they are few
 * enough to list (not for negative answers like flag:0). */
export interface IndexAnswer {
	has: (cardId: string) => boolean;
	ids?: readonly string[];
}

export interface IndexSources {
	decks: readonly DeckRecord[];
	noteTypes: readonly NoteTypeRecord[];
	presets: readonly DeckPreset[];
	dayEnd: Date;
}

export function indexServes(leaf: Leaf): boolean {
	switch (leaf.kind) {
		case 'deck':
		case 'is':
		case 'flag':
		case 'cid':
		case 'nid':
		case 'note':
		case 'added':
		case 'edited':
		case 'preset':
		case 'rated':
		case 'introduced':
		case 'resched':
			return true;
		case 'tag':
			// Notes without tags are not in the multi-entry index.
			return leaf.pattern.toLowerCase() !== 'none';
		default:
			return false;
	}
}

export async function answerLeaf(
	db: EngramDB,
	leaf: Leaf,
	sources: IndexSources
): Promise<IndexAnswer> {
	if (leaf.kind === 'flag' && leaf.flag === 0) {
		// flag:0 is "no flag": every card not in the index under 1..7.
		const flagged = new Set(await db.cards.where('flag').between(1, 7, true, true).primaryKeys());
		return { has: (id) => !flagged.has(id) };
	}
	const ids = await leafCardIds(db, leaf, sources);
	const set = new Set(ids);
	return { has: (id) => set.has(id), ids };
}

async function leafCardIds(db: EngramDB, leaf: Leaf, sources: IndexSources): Promise<string[]> {
	switch (leaf.kind) {
		case 'deck': {
			const matches = nameMatcher(leaf.pattern);
			const deckIds = sources.decks.filter((deck) => matches(deck.name)).map((deck) => deck.id);
			return cardsInDecks(db, deckIds).primaryKeys();
		}
		case 'flag':
			return db.cards.where('flag').equals(leaf.flag).primaryKeys();
		case 'is':
			return stateIds(db, leaf.state, sources.dayEnd);
		case 'cid':
			return leaf.ids;
		case 'nid':
			return cardsOfNotes(db, leaf.ids);
		case 'tag': {
			const matches = nameMatcher(leaf.pattern);
			const tags = ((await db.notes.orderBy('tags').uniqueKeys()) as string[]).filter(matches);
			return cardsOfNotes(db, await db.notes.where('tags').anyOf(tags).primaryKeys());
		}
		case 'note': {
			const matches = globMatcher(leaf.pattern);
			const typeIds = sources.noteTypes.filter((type) => matches(type.name)).map((t) => t.id);
			return cardsOfNotes(db, await db.notes.where('noteTypeId').anyOf(typeIds).primaryKeys());
		}
		case 'added':
		case 'edited': {
			const since = daysBefore(sources.dayEnd, leaf.days).getTime();
			const index = leaf.kind === 'added' ? 'createdAt' : 'mtime';
			return cardsOfNotes(db, await db.notes.where(index).aboveOrEqual(since).primaryKeys());
		}
		case 'preset': {
			const deckIds = decksWithPreset(sources, leaf.pattern);
			return deckIds.length === 0 ? [] : cardsInDecks(db, deckIds).primaryKeys();
		}
		case 'rated': {
			const ease = leaf.ease;
			// Rating 0 marks a manual reschedule, which is not an answer.
			const answered = (await reviewsWithin(db, leaf.days, sources)).filter((r) =>
				ease === undefined ? r.rating >= 1 : r.rating === ease
			);
			return [...new Set(answered.map((r) => r.cardId))];
		}
		case 'resched': {
			const manual = (await reviewsWithin(db, leaf.days, sources)).filter((r) => r.rating === 0);
			return [...new Set(manual.map((r) => r.cardId))];
		}
		case 'introduced':
			return introducedIds(db, leaf.days, sources);
		default:
			throw new Error(`No index answers ${leaf.kind}: searches.`);
	}
}

/** The reviews of the last `days` study days, through the `review` index. */
function reviewsWithin(db: EngramDB, days: number, sources: IndexSources): Promise<ReviewRecord[]> {
	const since = daysBefore(sources.dayEnd, days);
	return db.reviews.where('review').between(since, sources.dayEnd).toArray();
}

/** Cards whose first answer falls in the window: answered in it, and never before it. */
async function introducedIds(db: EngramDB, days: number, sources: IndexSources) {
	const since = daysBefore(sources.dayEnd, days);
	const answered = (await reviewsWithin(db, days, sources)).filter((r) => r.rating >= 1);
	const candidates = [...new Set(answered.map((r) => r.cardId))];
	const earlier = await db.reviews
		.where('cardId')
		.anyOf(candidates)
		.filter((r) => r.rating >= 1 && r.review < since)
		.toArray();
	const before = new Set(earlier.map((r) => r.cardId));
	return candidates.filter((id) => !before.has(id));
}

/** The deck's preset; a deck whose preset is gone uses the default, as the scheduler does. */
export function deckPreset(deck: DeckRecord, presets: ReadonlyMap<string, DeckPreset>): DeckPreset {
	return presets.get(deck.presetId) ?? presets.get(DEFAULT_PRESET_ID) ?? DEFAULT_PRESET;
}

/** The decks whose preset's name matches. */
function decksWithPreset(sources: IndexSources, pattern: string): string[] {
	const matches = globMatcher(pattern);
	const presets = new Map(sources.presets.map((preset) => [preset.id, preset]));
	return sources.decks
		.filter((deck) => matches(deckPreset(deck, presets).name))
		.map((deck) => deck.id);
}

/** A queue's cards, deck by deck through [deckId+queue+due]; `due`, the two ranges up to dayEnd. */
async function stateIds(db: EngramDB, state: BrowseState, dayEnd: Date): Promise<string[]> {
	if (state !== 'due') {
		return inEveryDeck(db, state, (cards) => cards.primaryKeys());
	}
	const keys = (cards: QueueRange) => cards.primaryKeys();
	const [learning, review] = await Promise.all([
		inEveryDeck(db, 'learning', keys, dayEnd),
		inEveryDeck(db, 'review', keys, dayEnd)
	]);
	return [...learning, ...review];
}

async function cardsOfNotes(db: EngramDB, noteIds: readonly string[]): Promise<string[]> {
	const unique = [...new Set(noteIds)];
	return unique.length === 0 ? [] : db.cards.where('noteId').anyOf(unique).primaryKeys();
}
