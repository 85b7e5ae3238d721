/**
 * A custom study session's state, read rather than kept: its record, its cards as stored, and
 * the answers given since it was built (reviews when it reschedules, previews when not).
 */
import type { FilteredDeckRecord, PreviewRecord } from '$lib/domain/custom-study/filtered';
import { sessionQueue, type SessionQueue } from '$lib/domain/custom-study/session-queue';
import { Rating } from '$lib/domain/fsrs-enums';
import type { CardRecord } from '$lib/domain/model';
import type { EngramDB } from './db';

/** Learning steps due this soon are shown rather than waited for (as the daily queue does). */
export const SESSION_LEARN_AHEAD_MS = 20 * 60_000;

export interface FilteredSession {
	deck: FilteredDeckRecord;
	queue: SessionQueue;
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

async function sessionOf(db: EngramDB, deck: FilteredDeckRecord, now: Date) {
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
	return { deck, queue: sessionQueue(deck, cards, answered, now, SESSION_LEARN_AHEAD_MS) };
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

/** Every custom study session with how many of its cards are left: for Today. */
export async function listFilteredSessions(
	db: EngramDB,
	now: Date
): Promise<{ deck: FilteredDeckRecord; left: number }[]> {
	return db.transaction('r', [db.filteredDecks, db.cards, db.reviews, db.previews], async () => {
		const decks = await db.filteredDecks.toArray();
		const sessions = await Promise.all(decks.map((deck) => sessionOf(db, deck, now)));
		return sessions.map(({ deck, queue }) => ({
			deck,
			left: queue.ready.length + queue.waiting.length
		}));
	});
}

/** Records a card looked at in a preview session: the card itself is not touched. */
export async function recordPreview(db: EngramDB, preview: PreviewRecord): Promise<void> {
	await db.previews.add(preview);
}

/** Takes a preview back (undo); returns it as it was, for a redo. */
export async function undoPreview(db: EngramDB, id: string): Promise<PreviewRecord | undefined> {
	return db.transaction('rw', db.previews, async () => {
		const preview = await db.previews.get(id);
		await db.previews.delete(id);
		return preview;
	});
}
