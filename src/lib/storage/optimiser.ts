/**
 * What the FSRS optimiser reads and writes: the review history of a preset's decks (or of the
 * whole collection), the preset's parameters, and the cards it reschedules.
 */
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import {
	cardHistories,
	reviewEvent,
	type CardHistory,
	type ReviewEvent
} from '$lib/domain/optimiser/items';
import { DEFAULT_WEIGHTS, normaliseWeights } from '$lib/domain/optimiser/parameters';
import { dueLoad, rescheduledFields } from '$lib/domain/optimiser/reschedule';
import { createScheduler } from '$lib/domain/scheduler';
import type { EngramDB } from './db';
import { getPreset, savePreset } from './presets';
import { getDayStartHour } from './study-settings';
import { cardsInDecks, reviewsInDecks } from './deck-rows';

/** The decks whose history trains a preset; every deck when `presetId` is undefined. */
async function deckIdsFor(db: EngramDB, presetId: string | undefined): Promise<string[]> {
	const decks = await db.decks.toArray();
	return decks.filter((deck) => !presetId || deck.presetId === presetId).map((deck) => deck.id);
}

export async function reviewEventsFor(
	db: EngramDB,
	presetId: string | undefined
): Promise<ReviewEvent[]> {
	const reviews = presetId
		? await reviewsInDecks(db, await deckIdsFor(db, presetId)).toArray()
		: await db.reviews.toArray();
	return reviews.map(reviewEvent);
}

/**
 * The card histories training learns from, in the user's own study days: two answers either side
 * of the day-start hour are a day apart, two on the same side are a same-day (short-term) step.
 */
export async function historiesFor(
	db: EngramDB,
	presetId: string | undefined,
	onRead?: (reviews: number) => void
): Promise<CardHistory[]> {
	const [reviews, dayStartHour] = await Promise.all([
		reviewEventsFor(db, presetId),
		getDayStartHour(db)
	]);
	onRead?.(reviews.length);
	return cardHistories(reviews, dayStartHour);
}

export async function currentWeights(db: EngramDB, presetId: string): Promise<readonly number[]> {
	const preset = await getPreset(db, presetId);
	return preset?.weights ?? DEFAULT_WEIGHTS;
}

/** Stores the parameters in the preset; the scheduler uses them from the next answer on. */
export async function applyWeights(
	db: EngramDB,
	presetId: string,
	weights: readonly number[],
	now: Date
): Promise<void> {
	const preset = await getPreset(db, presetId);
	if (!preset) {
		throw new Error('That preset does not exist any more.');
	}
	await savePreset(db, { ...preset, weights: normaliseWeights(weights) }, now);
}

interface Rescheduled {
	card: CardRecord;
	before: Date;
	after: Date;
}

async function rescheduleAll(
	db: EngramDB,
	presetId: string,
	weights: readonly number[]
): Promise<Rescheduled[]> {
	const preset = await getPreset(db, presetId);
	if (!preset) {
		throw new Error('That preset does not exist any more.');
	}
	const scheduler = createScheduler({ ...preset, weights });
	const cards = await cardsInDecks(db, await deckIdsFor(db, presetId)).toArray();
	const reviews = await db.reviews
		.where('cardId')
		.anyOf(cards.map((card) => card.id))
		.toArray();
	const byCard = new Map<string, ReviewRecord[]>();
	for (const review of reviews) {
		byCard.set(review.cardId, [...(byCard.get(review.cardId) ?? []), review]);
	}
	return cards.flatMap((card) => {
		const fields = rescheduledFields(scheduler, card, byCard.get(card.id) ?? []);
		return fields ? [{ card: { ...card, ...fields }, before: card.due, after: fields.due }] : [];
	});
}

export interface DueLoadPreview {
	current: number[];
	rescheduled: number[];
	/** Review cards whose due date would move. */
	moved: number;
}

/** How many cards fall due on each of the next `days` days, now and after rescheduling. */
export async function previewReschedule(
	db: EngramDB,
	presetId: string,
	weights: readonly number[],
	now: Date,
	days = 30
): Promise<DueLoadPreview> {
	const results = await rescheduleAll(db, presetId, weights);
	const dayStartHour = await getDayStartHour(db);
	const load = (dues: Date[]) => dueLoad(dues, now, days, dayStartHour);
	return {
		current: load(results.map((r) => r.before)),
		rescheduled: load(results.map((r) => r.after)),
		moved: results.filter((r) => r.before.getTime() !== r.after.getTime()).length
	};
}

/** Gives every review card of the preset the due date and memory state the new parameters imply. */
export async function rescheduleCards(
	db: EngramDB,
	presetId: string,
	weights: readonly number[],
	now: Date
): Promise<number> {
	return db.transaction('rw', [db.cards, db.reviews, db.decks, db.presets], async () => {
		const results = await rescheduleAll(db, presetId, weights);
		const changed = results
			.filter((r) => r.before.getTime() !== r.after.getTime())
			.map((r) => ({ ...r.card, mtime: Math.max(now.getTime(), r.card.mtime + 1) }));
		await db.cards.bulkPut(changed);
		return changed.length;
	});
}
