/**
 * What the browser and the study screen can do to cards besides answering them: suspend, bury,
 * flag, move, reset to new and set a due date. Each call changes all the given cards in one
 * transaction and bumps their `mtime`, so a tab still showing one of them will not answer it.
 */
import { newId } from '$lib/domain/ids';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import { queueForState } from '$lib/domain/queue-policy';
import { createScheduler, setDueDate as setCardDueDate, type Answer } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { readCardPage } from './card-pages';
import type { EngramDB } from './db';
import { inStoredDecks } from './deck-rows';
import { presetForDeck } from './queue-counts';

export const FLAGS = [0, 1, 2, 3, 4, 5, 6, 7] as const;
export type Flag = (typeof FLAGS)[number];

/** A card action was asked for something impossible; nothing was changed. */
export class CardActionError extends Error {
	override name = 'CardActionError';
}

/** A changed record's new mtime: now, but always later than before, even if the clock is off. */
export function touched(record: { mtime: number }, now: Date): number {
	return Math.max(now.getTime(), record.mtime + 1);
}

/** Loads the cards, applies `change` to each, and writes them back, all in one transaction. */
async function updateCards(
	db: EngramDB,
	cardIds: readonly string[],
	now: Date,
	change: (card: CardRecord) => CardRecord | undefined
): Promise<number> {
	return db.transaction('rw', db.cards, async () => {
		// One range read, not one request per card, for a study action's one card and a list alike.
		const cards = await readCardPage(db, cardIds);
		const changed = cards.flatMap((card) => {
			const next = change(card);
			return next ? [{ ...next, mtime: touched(card, now) }] : [];
		});
		if (changed.length > 0) {
			await db.cards.bulkPut(changed);
		}
		return changed.length;
	});
}

function withoutBurial(card: CardRecord): CardRecord {
	const { buriedUntil: _buriedUntil, ...rest } = card;
	return rest;
}

/** The card back in the queue its state belongs to, no longer buried. */
export function unburied(card: CardRecord): CardRecord {
	return { ...withoutBurial(card), queue: queueForState(card.state) };
}

/** The card buried until `until` (ms since epoch). */
export function buried(card: CardRecord, until: number): CardRecord {
	return { ...card, queue: 'buried', buriedUntil: until };
}

/** One card changed by an action, or undefined when the action leaves it as it is. */
export type CardChange = (card: CardRecord) => CardRecord | undefined;

export const suspended: CardChange = (card) =>
	card.queue === 'suspended' ? undefined : { ...withoutBurial(card), queue: 'suspended' };

export const unsuspended: CardChange = (card) =>
	card.queue === 'suspended' ? { ...card, queue: queueForState(card.state) } : undefined;

/** Throws unless `flag` is a flag; returns the change that sets it. */
export function flagged(flag: number): CardChange {
	if (!FLAGS.includes(flag as Flag)) {
		throw new CardActionError('A flag is a number from 0 (no flag) to 7.');
	}
	return (card) => ((card.flag ?? 0) === flag ? undefined : { ...card, flag });
}

/** Throws unless the deck exists; returns the change that moves a card there. */
export async function movedTo(db: EngramDB, deckId: string): Promise<CardChange> {
	if (!(await db.decks.get(deckId))) {
		throw new CardActionError('That deck does not exist any more.');
	}
	return (card) => (card.deckId === deckId ? undefined : { ...card, deckId });
}

export function suspendCards(db: EngramDB, cardIds: readonly string[], now: Date) {
	return updateCards(db, cardIds, now, suspended);
}

export function unsuspendCards(db: EngramDB, cardIds: readonly string[], now: Date) {
	return updateCards(db, cardIds, now, unsuspended);
}

/** Hides the cards until the next study day starts (suspended cards stay suspended). */
export function buryCards(
	db: EngramDB,
	cardIds: readonly string[],
	now: Date,
	dayStartHour?: number
) {
	const until = studyDay(now, dayStartHour).end.getTime();
	return updateCards(db, cardIds, now, (card) =>
		card.queue === 'suspended' ? undefined : buried(card, until)
	);
}

export function unburyCards(db: EngramDB, cardIds: readonly string[], now: Date) {
	return updateCards(db, cardIds, now, (card) =>
		card.queue === 'buried'
			? { ...withoutBurial(card), queue: queueForState(card.state) }
			: undefined
	);
}

/**
 * Returns every card whose burial has ended to its queue. Run at the start of a study day's
 * first session, before its first card: it reads the decks' ids and then only the buried cards,
 * a range of [deckId+queue+due] per deck, all at once.
 */
export async function unburyExpired(db: EngramDB, now: Date): Promise<number> {
	const expired = await inStoredDecks(db, 'buried', (cards) =>
		cards.filter((card) => (card.buriedUntil ?? 0) <= now.getTime()).primaryKeys()
	);
	return expired.length > 0 ? unburyCards(db, expired, now) : 0;
}

export function flagCards(db: EngramDB, cardIds: readonly string[], flag: Flag, now: Date) {
	return updateCards(db, cardIds, now, flagged(flag));
}

export async function moveCards(
	db: EngramDB,
	cardIds: readonly string[],
	deckId: string,
	now: Date
): Promise<number> {
	return updateCards(db, cardIds, now, await movedTo(db, deckId));
}

/** What a scheduler operation makes of one card: the card and its Manual log, and what else the
 * card and its review row carry (a reset's new-card position, the row's reset facts). */
export interface Rescheduled extends Answer {
	cardFields?: Partial<CardRecord>;
	reviewFields?: Partial<ReviewRecord>;
}

/**
 * Rewrites cards through a scheduler operation that yields a Manual log, writing that log as a
 * review row so the card can still be rebuilt from its history.
 */
export async function rescheduleCards(
	db: EngramDB,
	cardIds: readonly string[],
	now: Date,
	operation: RescheduleOperation
): Promise<number> {
	return db.transaction('rw', [db.cards, db.reviews, db.decks, db.presets], async () =>
		rescheduleReadCards(db, await readCardPage(db, cardIds), now, operation)
	);
}

export type RescheduleOperation = (
	card: CardRecord,
	scheduler: ReturnType<typeof createScheduler>
) => Rescheduled;

/** rescheduleCards for cards the caller has just read in its transaction: not read again. */
export async function rescheduleReadCards(
	db: EngramDB,
	cards: readonly CardRecord[],
	now: Date,
	operation: RescheduleOperation
): Promise<number> {
	return db.transaction('rw', [db.cards, db.reviews, db.decks, db.presets], async () => {
		const nextCards: CardRecord[] = [];
		const reviews: ReviewRecord[] = [];
		for (const card of cards) {
			const scheduler = createScheduler(await presetForDeck(db, card.deckId));
			const result = operation(card, scheduler);
			const keepQueue = card.queue === 'suspended';
			nextCards.push({
				...withoutBurial(card),
				...result.card,
				...result.cardFields,
				queue: keepQueue ? 'suspended' : queueForState(result.card.state),
				mtime: touched(card, now)
			});
			reviews.push({
				...result.log,
				...result.reviewFields,
				id: newId(),
				cardId: card.id,
				deckId: card.deckId,
				duration: 0
			});
		}
		await db.cards.bulkPut(nextCards);
		await db.reviews.bulkAdd(reviews);
		return nextCards.length;
	});
}

/**
 * Makes the cards due `days` study days from today (0 = today), at the start of that study day.
 * A range `[min, max]` spreads them, as Anki's "1-7" does.
 */
export function setDueDate(
	db: EngramDB,
	cardIds: readonly string[],
	days: number | readonly [number, number],
	now: Date,
	options: { dayStartHour?: number; random?: () => number } = {}
) {
	const [min, max] = typeof days === 'number' ? [days, days] : days;
	if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min || max > 36500) {
		throw new CardActionError('Write the due date as a number of days, like “0”, “3” or “1-7”.');
	}
	const random = options.random ?? Math.random;
	const today = studyDay(now, options.dayStartHour).start;
	return rescheduleCards(db, cardIds, now, (card, scheduler) => {
		const offset = min + Math.floor(random() * (max - min + 1));
		const due = new Date(today);
		due.setDate(due.getDate() + offset);
		return setCardDueDate(scheduler, card, due, now);
	});
}
