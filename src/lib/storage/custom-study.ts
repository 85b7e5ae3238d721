/**
 * Custom study: raising today's limits, and building, rebuilding and emptying the filtered
 * session. A session's cards are chosen by the browser's search (the one parser and the same
 * index-driven query); the cards themselves are never moved or changed by a build.
 */
import {
	CUSTOM_STUDY_NAME,
	filteredConfig,
	type FilteredConfig,
	type FilteredDeckRecord
} from '$lib/domain/custom-study/filtered';
import type { CustomStudyRequest } from '$lib/domain/custom-study/request';
import { studyable, studyOrder } from '$lib/domain/custom-study/session-queue';
import { newId } from '$lib/domain/ids';
import { allOf, type SearchNode } from '$lib/domain/search/ast';
import { parseSearch } from '$lib/domain/search/parse';
import { studyDay } from '$lib/domain/study-day';
import { searchCardIds } from './browse-query';
import type { EngramDB } from './db';
import { extendTodayLimit } from './limit-extensions';
import type { DeckUndoRecord } from './deck-delete';
import type { DeckDeletion } from './deck-undo-notice';
import { deleteWithTombstones } from './tombstones';

/** Custom study could not be done; the message is one sentence to show as is. */
export class CustomStudyError extends Error {
	override name = 'CustomStudyError';
}

export type CustomStudyResult =
	{ kind: 'extended'; message: string } | { kind: 'filtered'; id: string; count: number };

/** The ids `config`'s search matches now, in the search's order; `extra` terms narrow it. */
function matchingIds(
	db: EngramDB,
	config: FilteredConfig,
	now: Date,
	dayStartHour?: number,
	extra: readonly SearchNode[] = []
): Promise<readonly string[]> {
	const parsed = parseSearch(config.search);
	if (!parsed.ok) {
		throw new CustomStudyError(parsed.error);
	}
	return searchCardIds(db, {
		node: allOf([parsed.node, ...extra]),
		// The created order is "order added"; every other order is applied to the cards below.
		sort: config.order === 'added' ? 'created' : 'due',
		descending: false,
		dayEnd: studyDay(now, dayStartHour).end,
		now
	});
}

/**
 * How many cards building `config` would choose now: its matches a session may show (not
 * suspended nor buried, as `studyable` says), up to its limit, from the search's ids alone.
 */
export async function countChosen(
	db: EngramDB,
	config: FilteredConfig,
	now: Date,
	dayStartHour?: number
): Promise<number> {
	const not = (state: 'suspended' | 'buried'): SearchNode => ({
		kind: 'not',
		child: { kind: 'is', state }
	});
	const ids = await matchingIds(db, config, now, dayStartHour, [not('suspended'), not('buried')]);
	return Math.min(ids.length, config.limit);
}

/** The cards `config` selects now: matching, not suspended or buried, in order, up to the limit. */
async function chooseCards(
	db: EngramDB,
	config: FilteredConfig,
	now: Date,
	seed: string,
	dayStartHour?: number
): Promise<string[]> {
	const ids = await matchingIds(db, config, now, dayStartHour);
	const cards = (await db.cards.bulkGet([...ids])).filter(studyable);
	return studyOrder(cards, config.order, seed)
		.slice(0, config.limit)
		.map((card) => card.id);
}

const NO_CARDS = 'No cards matched the criteria you provided.';
const HOME_DELETED =
	'The deck this session was made from was deleted: there is nothing to rebuild.';

/**
 * Does what the custom study dialog asked on `deckId`: raises a limit for today, or (re)builds
 * the one custom study session (as Anki reuses its "Custom Study Session" deck).
 */
export async function customStudy(
	db: EngramDB,
	deckId: string,
	request: CustomStudyRequest,
	now: Date,
	dayStartHour?: number
): Promise<CustomStudyResult> {
	if (request.kind === 'new-limit' || request.kind === 'review-limit') {
		const kind = request.kind === 'new-limit' ? 'new' : 'review';
		await extendTodayLimit(db, deckId, kind, request.delta, now, dayStartHour);
		const what = kind === 'new' ? 'new cards' : 'reviews';
		return { kind: 'extended', message: `${request.delta} more ${what} allowed today.` };
	}
	const deck = await db.decks.get(deckId);
	if (!deck) {
		throw new CustomStudyError('That deck no longer exists.');
	}
	const config = filteredConfig(deck.name, request);
	const existing = await db.filteredDecks.filter((d) => d.name === CUSTOM_STUDY_NAME).first();
	const id = existing?.id ?? newId();
	const cardIds = await chooseCards(db, config, now, `${id}@${now.getTime()}`, dayStartHour);
	if (cardIds.length === 0) {
		throw new CustomStudyError(NO_CARDS);
	}
	const time = now.getTime();
	const record: FilteredDeckRecord = {
		...config,
		id,
		name: CUSTOM_STUDY_NAME,
		homeDeckId: deckId,
		cardIds,
		builtAt: time,
		createdAt: existing?.createdAt ?? time,
		mtime: time
	};
	await db.transaction('rw', db.filteredDecks, db.previews, async () => {
		await db.previews.where('[filteredId+answeredAt]').between([id], [id, []]).delete();
		await db.filteredDecks.put(record);
	});
	return { kind: 'filtered', id, count: cardIds.length };
}

/** Chooses the session's cards again with its search (Anki's Rebuild); its answers start over. */
export async function rebuildFiltered(
	db: EngramDB,
	id: string,
	now: Date,
	dayStartHour?: number
): Promise<number> {
	const deck = await db.filteredDecks.get(id);
	if (!deck) {
		throw new CustomStudyError('That custom study session no longer exists.');
	}
	const cardIds = await chooseCards(db, deck, now, `${id}@${now.getTime()}`, dayStartHour);
	if (cardIds.length === 0) {
		// Its deck deleted (with its cards), the session's search can never match again.
		const home = await db.decks.get(deck.homeDeckId);
		throw new CustomStudyError(home ? NO_CARDS : HOME_DELETED);
	}
	await db.transaction('rw', db.filteredDecks, db.previews, async () => {
		await db.previews.where('[filteredId+answeredAt]').between([id], [id, []]).delete();
		await db.filteredDecks.update(id, { cardIds, builtAt: now.getTime(), mtime: now.getTime() });
	});
	return cardIds.length;
}

/**
 * Deletes the session (Anki's Empty then delete): its cards were never moved, so nothing else
 * changes; what it previewed goes with it, as previews only say what it showed. Its tombstone
 * keeps a merge of an older backup from bringing it back. Undone as a deck deletion is (the
 * `deckUndo` row keeps the session and its previews, and Today offers the Undo).
 */
export async function deleteFiltered(db: EngramDB, id: string, now: Date): Promise<DeckDeletion> {
	const tables = [db.filteredDecks, db.previews, db.tombstones, db.deckUndo];
	return db.transaction('rw', tables, async () => {
		const session = await db.filteredDecks.get(id);
		if (!session) {
			throw new CustomStudyError('That custom study session no longer exists.');
		}
		const previews = db.previews.where('[filteredId+answeredAt]').between([id], [id, []]);
		const message = `Deleted the custom study session “${session.name}”.`;
		const undo: DeckUndoRecord = {
			id: newId(),
			at: now.getTime(),
			message,
			decks: [],
			notes: [],
			cards: [],
			rehomed: [],
			filtered: [session],
			previews: await previews.toArray()
		};
		await db.deckUndo.clear();
		await db.deckUndo.add(undo);
		await previews.delete();
		await deleteWithTombstones(db, 'filteredDecks', [id], now);
		return { undoId: undo.id, message };
	});
}
