/**
 * Answering and undoing. Each answer writes the new card state, its review row and the burying
 * of its siblings in one transaction: either all of it lands or none of it does.
 */
import { recordedAnswerMs } from '$lib/domain/answer-time';
import { newId } from '$lib/domain/ids';
import { leechAfterAnswer, type LeechAction } from '$lib/domain/leech';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import { answer, createScheduler, undoAnswer, type Grade } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { buried, touched, unburied } from './card-actions';
import type { EngramDB } from './db';
import { tagLeech, untagLeech } from './leech-tags';
import { queueForState } from '$lib/domain/queue-policy';
import { presetForDeck } from './queue-counts';
import { deleteWithTombstones } from './tombstones';

/** The card changed since it was shown (answered in another tab, edited): nothing was written. */
export class StaleCardError extends Error {
	override name = 'StaleCardError';
	constructor() {
		super('This card was already answered in another tab or window, so it was not saved twice.');
	}
}

export interface AnswerInput {
	cardId: string;
	grade: Grade;
	now: Date;
	/** Milliseconds the card was on screen (the review records at most the preset's cap). */
	duration: number;
	/** The card's `mtime` when it was shown; a different value means someone else changed it. */
	shownMtime: number;
	/** The hour the study day starts (default 4), for how long siblings stay buried. */
	dayStartHour?: number;
	/** The review's id, when the caller needs it before the write lands (to undo it). */
	reviewId?: string;
}

/**
 * The card and review row an answer makes, computed without any read: the study screen shows
 * the next card from it before the write lands, and `answerCard` writes exactly this.
 */
export function answered(
	card: CardRecord,
	preset: DeckPreset,
	input: AnswerInput
): { card: CardRecord; review: ReviewRecord; leech?: LeechAction } {
	const result = answer(createScheduler(preset), card, input.grade, input.now);
	// A lapse that makes the card a leech tags its note (in answerCard) and may suspend it.
	const leech = leechAfterAnswer(card, result.card, preset);
	const next: CardRecord = {
		...card,
		...result.card,
		queue: leech === 'suspend' ? 'suspended' : queueForState(result.card.state),
		mtime: touched(card, input.now)
	};
	const review: ReviewRecord = {
		...result.log,
		id: input.reviewId ?? newId(),
		cardId: card.id,
		deckId: card.deckId,
		// At most the preset's "maximum answer seconds", as Anki records it.
		duration: recordedAnswerMs(input.duration, preset),
		...(leech && { leech })
	};
	return { card: next, review, ...(leech && { leech }) };
}

/**
 * The new siblings and the siblings due for review today, buried until the next study day, as
 * Anki does, so two cards of one note are not seen on the same day.
 */
function buriedSiblings(card: CardRecord, cards: CardRecord[], input: AnswerInput): CardRecord[] {
	const dayEnd = studyDay(input.now, input.dayStartHour).end.getTime();
	return cards
		.filter(
			(sibling) =>
				sibling.id !== card.id &&
				(sibling.queue === 'new' || (sibling.queue === 'review' && sibling.due.getTime() < dayEnd))
		)
		.map((sibling) => ({ ...buried(sibling, dayEnd), mtime: touched(sibling, input.now) }));
}

/**
 * Writes an answer. It costs the study screen a write after every card, so its requests go out
 * together where nothing orders them: the preset and the note's cards are read at once, and the
 * card, its buried siblings and the review row are written at once (IndexedDB still runs them in
 * order, but the page does not wait a round trip for each).
 */
export async function answerCard(db: EngramDB, input: AnswerInput): Promise<ReviewRecord> {
	const tables = [db.cards, db.reviews, db.decks, db.presets, db.notes];
	return db.transaction('rw', tables, async () => {
		const card = await db.cards.get(input.cardId);
		if (!card || card.mtime !== input.shownMtime) {
			throw new StaleCardError();
		}
		const [preset, cardsOfNote] = await Promise.all([
			presetForDeck(db, card.deckId),
			db.cards.where('noteId').equals(card.noteId).toArray()
		]);
		const { card: next, review } = answered(card, preset, input);
		const siblings = preset.burySiblings ? buriedSiblings(card, cardsOfNote, input) : [];
		if (siblings.length > 0) {
			review.buriedSiblings = siblings.map((sibling) => sibling.id);
		}
		if (review.leech && (await tagLeech(db, card.noteId, input.now))) {
			review.leechTagged = true;
		}
		await Promise.all([db.cards.bulkPut([next, ...siblings]), db.reviews.add(review)]);
		return review;
	});
}

/** What the caller already read for an answer: the card as shown, its preset and its note's cards. */
export interface AnswerReads {
	card: CardRecord;
	preset: DeckPreset;
	/** Every card of the card's note as stored (undefined when the preset buries no siblings). */
	cardsOfNote: CardRecord[] | undefined;
}

/** An answer's write under way; `commitNow` commits it without waiting for its check. */
export interface AnswerWrite {
	done: Promise<ReviewRecord>;
	commitNow(): void;
}

/**
 * Writes an answer from what the caller read (the study screen's lookahead), with every request
 * sent at once: the stored card's check, the card, its buried siblings and the review row, and
 * the transaction committed as soon as the check's result is in, one round trip in all. A card
 * changed since it was read (answered in another tab) aborts it, nothing written. A page torn
 * down before its transaction committed loses it: `commitNow` (the page is leaving) commits at
 * once without waiting for the check, since the answer matters more than a rare double answer
 * from another tab.
 * A leech answer also tags its note, which needs a read: `answerCard` writes those.
 */
export function answerAtOnce(
	db: EngramDB,
	input: AnswerInput,
	reads: AnswerReads,
	commitAtOnce = false
): AnswerWrite {
	const { card: next, review } = answered(reads.card, reads.preset, input);
	const siblings = reads.cardsOfNote ? buriedSiblings(reads.card, reads.cardsOfNote, input) : [];
	if (siblings.length > 0) {
		review.buriedSiblings = siblings.map((sibling) => sibling.id);
	}
	const cards = [next, ...siblings];
	let leaving = commitAtOnce;
	let started = false;
	let settled = false;
	const done = db.transaction('rw', [db.cards, db.reviews], async (tx) => {
		started = true;
		const atOnce = leaving;
		const stored = db.cards.get(input.cardId);
		let failed = false;
		const written = Promise.all([db.cards.bulkPut(cards), db.reviews.add(review)]);
		written.catch(() => (failed = true)); // Awaited below, where it aborts the transaction.
		if (atOnce) {
			tx.idbtrans.commit(); // Still active: created in this same task.
		}
		const card = await stored;
		if (!atOnce && (!card || card.mtime !== input.shownMtime)) {
			throw new StaleCardError(); // Aborts the transaction: nothing of it is stored.
		}
		if (!atOnce && !failed) {
			// Still active (the check's result is being handed over): committed now, not once
			// every result came back, so a page torn down a moment later keeps the answer.
			commitIfActive(tx.idbtrans);
		}
		await written;
		return review;
	});
	void done.finally(() => (settled = true)).catch(() => undefined);
	return {
		done,
		commitNow: () => {
			if (!started) {
				leaving = true; // Its transaction starts in this task: it commits at once.
			} else if (!settled) {
				writeNow(db, cards, review);
			}
		}
	};
}

/** Commits now; a transaction no longer active still commits by itself once its results are in. */
function commitIfActive(transaction: IDBTransaction): void {
	try {
		transaction.commit();
	} catch {
		// Not active: nothing lost, it commits as before.
	}
}

/**
 * An answer's records written again in a transaction of its own, sent and committed within the
 * current task (raw IndexedDB: Dexie would start it a moment later), for a page being torn down:
 * a transaction only commits once its requests' results came back to the page, or once asked to
 * while still active, which the one under way no longer is. The review row's id keeps the answer
 * single: if the first write lands too, this one's add fails and nothing of it is stored.
 */
function writeNow(db: EngramDB, cards: CardRecord[], review: ReviewRecord): void {
	try {
		const transaction = db.backendDB().transaction(['cards', 'reviews'], 'readwrite');
		for (const card of cards) {
			transaction.objectStore('cards').put(card);
		}
		transaction.objectStore('reviews').add(review);
		transaction.commit();
	} catch {
		// The database is already closed: nothing more can be done from this page.
	}
}

/** Restores the card exactly as before `reviewId`, unburies what it buried, removes the review. */
export async function undoReview(db: EngramDB, reviewId: string, now: Date): Promise<CardRecord> {
	const tables = [db.cards, db.reviews, db.decks, db.presets, db.tombstones, db.notes];
	return db.transaction('rw', tables, async () => {
		const review = await db.reviews.get(reviewId);
		if (!review) {
			throw new Error('Nothing to undo: that answer is no longer stored.');
		}
		const card = await db.cards.get(review.cardId);
		if (!card) {
			throw new Error('Nothing to undo: that card was deleted.');
		}
		const scheduler = createScheduler(await presetForDeck(db, card.deckId));
		const previous = undoAnswer(scheduler, card, review);
		const restored: CardRecord = {
			...card,
			...previous,
			queue: queueForState(previous.state),
			mtime: touched(card, now)
		};
		if (!previous.last_review) {
			delete restored.last_review;
		}
		await db.cards.put(restored);
		await unburySiblings(db, review.buriedSiblings ?? [], now);
		if (review.leechTagged) {
			await untagLeech(db, card.noteId, now);
		}
		// The tombstone keeps a merge or a sync from bringing the undone answer back.
		await deleteWithTombstones(db, 'reviews', [reviewId], now);
		return restored;
	});
}

async function unburySiblings(db: EngramDB, ids: string[], now: Date): Promise<void> {
	const siblings = (await db.cards.bulkGet(ids)).filter((card) => card?.queue === 'buried');
	await db.cards.bulkPut(
		siblings.map((sibling) => ({ ...unburied(sibling!), mtime: touched(sibling!, now) }))
	);
}
