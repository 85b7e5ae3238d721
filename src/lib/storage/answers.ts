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
import { isCommitOf, type TableChange } from './observe';
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
export async function answerCard(
	db: EngramDB,
	input: AnswerInput,
	signal?: AbortSignal
): Promise<ReviewRecord> {
	const tables = [db.cards, db.reviews, db.decks, db.presets, db.notes];
	return db.transaction('rw', tables, async (tx) => {
		// Aborted when the page, leaving, writes the grade itself (state/grade-on-leave.ts): this
		// transaction's reads would hold that write back, and never finish.
		signal?.throwIfAborted();
		const abort = () => {
			try {
				tx.abort();
			} catch {
				// Already finished: it holds nothing back.
			}
		};
		signal?.addEventListener('abort', abort, { once: true });
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

/** An answer's write under way. */
export interface AnswerWrite {
	done: Promise<ReviewRecord>;
	/** Whether `change` (from `onTablesChanged`) is this write's own commit. */
	madeChange(change: TableChange): boolean;
}

/** What an answer writes, computed from what the caller read: no read of its own. */
export interface AnswerRecords {
	/** The answered card first, then the siblings its answer buries. */
	cards: CardRecord[];
	review: ReviewRecord;
	/** The answered card's `mtime` when it was shown: the write's check against another tab. */
	shownMtime: number;
}

/** The records an answer writes, from what the caller read (the study screen's lookahead). */
export function answerRecords(input: AnswerInput, reads: AnswerReads): AnswerRecords {
	const { card: next, review } = answered(reads.card, reads.preset, input);
	const siblings = reads.cardsOfNote ? buriedSiblings(reads.card, reads.cardsOfNote, input) : [];
	if (siblings.length > 0) {
		review.buriedSiblings = siblings.map((sibling) => sibling.id);
	}
	return { cards: [next, ...siblings], review, shownMtime: input.shownMtime };
}

/** `writeAnswer` for an answer computed from what the caller read. */
export function answerAtOnce(db: EngramDB, input: AnswerInput, reads: AnswerReads): AnswerWrite {
	return writeAnswer(db, answerRecords(input, reads));
}

/**
 * Writes an answer's records (`answerRecords`) in one round trip, committed in the task that
 * sends them: a page torn down a moment later (the tab closed right after the grade) still
 * keeps the answer, which a transaction waiting on a read's result would lose. The cards as
 * stored are read in the same transaction, before the writes, so that nothing of a write that
 * cannot stand stays: if the answered card changed since it was shown (answered in another
 * tab), the cards are put back as they were and the review row removed (a StaleCardError); if a
 * request fails after the commit was asked for, the cards are put back and the error thrown.
 * A leech answer also tags its note, which needs a read: `answerCard` writes those.
 */
export function writeAnswer(db: EngramDB, records: AnswerRecords): AnswerWrite {
	const { cards, review, shownMtime } = records;
	let transaction: IDBTransaction | undefined;
	let stored: Promise<(CardRecord | undefined)[]> | undefined;
	const written = db.transaction('rw', [db.cards, db.reviews], async (tx) => {
		transaction = tx.idbtrans;
		stored = db.cards.bulkGet(cards.map((card) => card.id));
		const writes = Promise.all([db.cards.bulkPut(cards), db.reviews.add(review)]);
		tx.idbtrans.commit(); // Still active: created in this same task.
		await Promise.all([stored, writes]);
	});
	const done = written.then(
		async () => {
			const before = await stored!;
			if (before[0]?.mtime !== shownMtime) {
				await putBack(db, before, review.id);
				throw new StaleCardError();
			}
			return review;
		},
		async (error: unknown) => {
			// Read only if the transaction committed: then the cards written are put back.
			const before = await stored?.catch(() => undefined);
			if (before) {
				// An aborted transaction left them as they were: putting them back changes nothing.
				await putBack(db, before).catch(() => undefined);
			}
			throw error;
		}
	);
	return { done, madeChange: (change) => isCommitOf(transaction, change) };
}

/** Puts `before` (the cards as they were stored) back, and removes the review row `reviewId`. */
async function putBack(
	db: EngramDB,
	before: (CardRecord | undefined)[],
	reviewId?: string
): Promise<void> {
	const cards = before.filter((card): card is CardRecord => card !== undefined);
	await db.transaction('rw', [db.cards, db.reviews], async () => {
		await Promise.all([
			db.cards.bulkPut(cards),
			reviewId === undefined ? undefined : db.reviews.delete(reviewId)
		]);
	});
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
