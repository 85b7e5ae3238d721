/**
 * A custom study session's state, read rather than kept: its record, its cards as stored, and
 * the answers given since it was built (reviews when it reschedules, previews when not).
 */
import type { FilteredDeckRecord, PreviewRecord } from '$lib/domain/custom-study/filtered';
import {
	sessionProgress,
	sessionQueue,
	type SessionProgress,
	type SessionQueue
} from '$lib/domain/custom-study/session-queue';
import { Rating } from '$lib/domain/fsrs-enums';
import type { CardRecord } from '$lib/domain/model';
import { StaleCardError } from './answers';
import type { EngramDB } from './db';

/** Learning steps due this soon are shown rather than waited for (as the daily queue does). */
export const SESSION_LEARN_AHEAD_MS = 20 * 60_000;

export interface FilteredSession {
	deck: FilteredDeckRecord;
	queue: SessionQueue;
	progress: SessionProgress;
}

/** Per card, whether its latest answer since the build was Again. */
async function answersSinceBuild(
	db: EngramDB,
	deck: FilteredDeckRecord
): Promise<Map<string, { again: boolean }>> {
	const latest = new Map<string, { at: number; again: boolean }>();
	const note = (cardId: string, at: number, rating: number) => {
		if ((latest.get(cardId)?.at ?? -Infinity) <= at) {
			latest.set(cardId, { at, again: rating === Rating.Again });
		}
	};
	if (deck.reschedule) {
		const reviews = await db.reviews.where('cardId').anyOf(deck.cardIds).toArray();
		for (const review of reviews) {
			// Manual rows (reset, set due date) are not answers.
			if (review.review.getTime() >= deck.builtAt && review.rating !== Rating.Manual) {
				note(review.cardId, review.review.getTime(), review.rating);
			}
		}
	} else {
		const previews = await db.previews
			.where('[filteredId+answeredAt]')
			.between([deck.id, new Date(deck.builtAt)], [deck.id, []])
			.toArray();
		for (const preview of previews) {
			note(preview.cardId, preview.answeredAt.getTime(), preview.rating);
		}
	}
	return latest;
}

async function sessionOf(
	db: EngramDB,
	deck: FilteredDeckRecord,
	now: Date
): Promise<FilteredSession> {
	const [stored, answered] = await Promise.all([
		db.cards.bulkGet(deck.cardIds),
		answersSinceBuild(db, deck)
	]);
	const cards = new Map<string, CardRecord>();
	for (const card of stored) {
		if (card) {
			cards.set(card.id, card);
		}
	}
	const queue = sessionQueue(deck, cards, answered, now, SESSION_LEARN_AHEAD_MS);
	return { deck, queue, progress: sessionProgress(deck, cards, answered, queue) };
}

/** The session and what is left of it at `now`; undefined when it was deleted. */
export async function readFilteredSession(
	db: EngramDB,
	id: string,
	now: Date
): Promise<FilteredSession | undefined> {
	return db.transaction('r', [db.filteredDecks, db.cards, db.reviews, db.previews], async () => {
		const deck = await db.filteredDecks.get(id);
		return deck ? sessionOf(db, deck, now) : undefined;
	});
}

/** Every custom study session with how it stands (cards left, answered, gone): for Today. */
export async function listFilteredSessions(
	db: EngramDB,
	now: Date
): Promise<{ deck: FilteredDeckRecord; progress: SessionProgress }[]> {
	return db.transaction('r', [db.filteredDecks, db.cards, db.reviews, db.previews], async () => {
		const decks = await db.filteredDecks.toArray();
		const sessions = await Promise.all(decks.map((deck) => sessionOf(db, deck, now)));
		return sessions.map(({ deck, progress }) => ({ deck, progress }));
	});
}

/**
 * Records a card looked at in a preview session: the card itself is not touched. With
 * `shownMtime`, only if the card is still as it was shown (not deleted, suspended or buried
 * elsewhere meanwhile), as an answer is: otherwise StaleCardError and nothing is written.
 */
export async function recordPreview(
	db: EngramDB,
	preview: PreviewRecord,
	shownMtime?: number
): Promise<void> {
	await db.transaction('rw', db.cards, db.previews, async () => {
		if (shownMtime !== undefined && (await db.cards.get(preview.cardId))?.mtime !== shownMtime) {
			throw new StaleCardError();
		}
		await db.previews.add(preview);
	});
}

/** Takes a preview back (undo); returns it as it was, for a redo. */
export async function undoPreview(db: EngramDB, id: string): Promise<PreviewRecord | undefined> {
	return db.transaction('rw', db.previews, async () => {
		const preview = await db.previews.get(id);
		await db.previews.delete(id);
		return preview;
	});
}
