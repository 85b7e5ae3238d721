/**
 * The seeded collection generator: N cards (with their notes and review history), for the app's
 * real `engram` database (page/generator.ts writes them there) and for the import files. The
 * records have exactly the shapes of src/lib/domain/model.ts; the histories are real FSRS answers
 * from the app's own scheduler, shifted in time so the collection looks like one in daily use.
 */
import { cardId } from '$lib/domain/deck-records';
import type { CardRecord, DeckRecord, NoteRecord, ReviewRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import {
	answer,
	createScheduler,
	newCardState,
	Rating,
	State,
	type AnswerLog,
	type Card,
	type Grade
} from '$lib/domain/scheduler';
import { setIndexKeys } from '$lib/domain/card-index-keys';
import { queueForState } from '$lib/domain/queue-policy';
import { BENCH_DECK_ID } from './constants';
import { seededRandom, seededUuid, type Random } from './random';

export { BENCH_DECK_ID };
export const BENCH_PRESET_ID = 'bench';
export const DAY = 86_400_000;

export interface CollectionSpec {
	cards: number;
	seed: number;
	/** The moment the collection is "now" (ms since epoch): histories end before it. */
	now: number;
	/** Defaults to the app's database, `engram`. */
	dbName?: string;
	/** Stop at this many notes instead of `cards` cards. */
	notes?: number;
}

export interface CollectionCounts {
	notes: number;
	cards: number;
	reviews: number;
	due: number;
	/** Generating the records, packing them as a backup and restoring it. */
	ms: number;
	/** The app's own restore of that backup (replace), which wrote the collection. */
	restoreMs: number;
	backupBytes: number;
}

/**
 * The default options (20 new cards and 200 reviews a day), under their own id so the bench never
 * changes the user's default preset. A bench session (220 answers a size) fits in one day's limits.
 */
export const BENCH_PRESET: DeckPreset = {
	...DEFAULT_PRESET,
	id: BENCH_PRESET_ID,
	name: 'Bench'
};

/** A user's grades: mostly Good, some lapses. */
function pickGrade(random: Random): Grade {
	const x = random();
	if (x < 0.1) {
		return Rating.Again;
	}
	if (x < 0.25) {
		return Rating.Hard;
	}
	return x < 0.9 ? Rating.Good : Rating.Easy;
}

interface History {
	card: Card;
	logs: AnswerLog[];
}

const scheduler = createScheduler(BENCH_PRESET);

/**
 * Answers before a card graduates: 1 or 2 (then Good to graduation: 2.3 answers a reviewed card in
 * all). Longer histories change nothing the bench measures (the queue reads cards; a session's
 * reads of reviews are bounded by the day) but cost minutes of writes: 1–6 answers made 3.9 a
 * card, 460,000 records at 100k against 365,000 now, and the .apkg files to import grew alike.
 */
const ANSWERED_MAX = 2;

/** Cards left in (re)learning after their history: a few, as in a real collection. */
const LEARNING_SHARE = 0.02;

/** `count` answers at the times the scheduler asked for (a little late, as people are). */
function simulate(random: Random, count: number): History {
	let time = 0;
	let card = newCardState(new Date(time));
	const logs: AnswerLog[] = [];
	const step = (grade: Grade) => {
		const result = answer(scheduler, card, grade, new Date(time));
		logs.push(result.log);
		card = result.card;
		const interval = card.due.getTime() - time;
		time = card.due.getTime() + Math.round(random() * interval * 0.2);
	};
	for (let i = 0; i < count; i += 1) {
		step(pickGrade(random));
	}
	// With FSRS's learning steps even one Good leaves a new card learning: without this a third of
	// the collection ended up learning (26,000 cards at 100k), unlike any real one.
	const staysLearning = random() < LEARNING_SHARE;
	while (!staysLearning && card.state !== State.Review) {
		step(Rating.Good);
	}
	return { card, logs };
}

const shift = (date: Date, by: number): Date => new Date(date.getTime() + by);

/**
 * Moves a whole history in time: `overdue` cards were due up to 20 days ago, the others were last
 * reviewed within their current interval, a day ago or more. Intervals and elapsed days stay as the scheduler made them.
 */
function placeInTime(history: History, now: number, overdue: boolean, random: Random): History {
	const last = history.card.last_review?.getTime() ?? 0;
	const interval = history.card.due.getTime() - last;
	// The others were last reviewed before today (a day ago at least): answers dated today would
	// use up today's limits before the bench answers anything, which no user's morning looks like.
	const lastReview = Math.min(
		now - DAY,
		overdue
			? now - interval - Math.round(random() * 20 * DAY)
			: now - Math.round(random() * interval)
	);
	const by = lastReview - last;
	const card: Card = { ...history.card, due: shift(history.card.due, by) };
	if (history.card.last_review) {
		card.last_review = shift(history.card.last_review, by);
	}
	const logs = history.logs.map((log) => {
		const moved: AnswerLog = {
			...log,
			due: shift(log.due, by),
			review: shift(log.review, by),
			cardDue: shift(log.cardDue, by)
		};
		if (log.cardLastReview) {
			moved.cardLastReview = shift(log.cardLastReview, by);
		}
		return moved;
	});
	return { card, logs };
}

function makeNote(random: Random, index: number, type: string, createdAt: number): NoteRecord {
	const fields = {
		Front: `Question ${index}: what is item ${index.toString(36)}?`,
		Back: `Answer ${index}: <b>${Math.floor(random() * 1e9).toString(36)}</b>`
	};
	return {
		id: seededUuid(random),
		deckId: BENCH_DECK_ID,
		noteTypeId: type,
		fields,
		fieldMtimes: { Front: createdAt, Back: createdAt },
		tags: ['bench', `group-${index % 50}`],
		createdAt,
		mtime: createdAt
	};
}

interface CardPlan {
	newShare: number;
	/** Chance that a reviewed card is due today (overdue). */
	dueShare: number;
}

/** 20% new cards; of the reviewed ones, enough overdue for ~1,500 answers at every size. */
function planFor(cards: number): CardPlan {
	const reviewed = cards * 0.8;
	return { newShare: 0.2, dueShare: Math.min(0.75, 1500 / reviewed) };
}

export type RecordStore = 'cards' | 'notes' | 'reviews';
/** Receives each generated record; awaited, so a writer can apply back-pressure. */
export type Emit = (store: RecordStore, record: CardRecord | NoteRecord | ReviewRecord) => unknown;

export function benchDeck(spec: { cards: number; now: number }): DeckRecord {
	return {
		id: BENCH_DECK_ID,
		name: `Bench ${spec.cards.toLocaleString('en')}`,
		description: 'Generated by tests/bench for `npm run bench`.',
		presetId: BENCH_PRESET_ID,
		createdAt: spec.now - 400 * DAY,
		mtime: spec.now - 400 * DAY
	};
}

/**
 * The collection's notes, cards and reviews, in order, to `emit`. It stops at `spec.cards` cards,
 * or at `spec.notes` notes when that is given (the import fixtures count notes).
 */
export async function generateRecords(
	spec: Pick<CollectionSpec, 'cards' | 'seed' | 'now' | 'notes'>,
	emit: Emit
): Promise<Pick<CollectionCounts, 'notes' | 'cards' | 'reviews' | 'due'>> {
	const random = seededRandom(spec.seed);
	const plan = planFor(spec.cards);
	const counts = { notes: 0, cards: 0, reviews: 0, due: 0 };
	const more = () =>
		spec.notes === undefined ? counts.cards < spec.cards : counts.notes < spec.notes;
	let position = 0;
	while (more()) {
		const reversed =
			random() < 0.25 && (spec.notes !== undefined || spec.cards - counts.cards >= 2);
		const note = makeNote(random, counts.notes, reversed ? 'basic-reversed' : 'basic', 0);
		const isNew = random() < plan.newShare;
		let createdAt = spec.now - DAY;
		for (const ord of reversed ? [0, 1] : [0]) {
			const made = isNew
				? { card: newCardRecord(note.id, ord, position++, spec.now - DAY), reviews: [] }
				: reviewedCard(random, note, ord, position++, spec.now, random() < plan.dueShare);
			createdAt = Math.min(createdAt, made.reviews[0]?.review.getTime() ?? made.card.mtime);
			await emit('cards', made.card);
			for (const review of made.reviews) {
				await emit('reviews', review);
			}
			counts.cards += 1;
			counts.reviews += made.reviews.length;
			counts.due += made.card.due.getTime() <= spec.now ? 1 : 0;
		}
		const fieldMtimes = { Front: createdAt, Back: createdAt };
		await emit('notes', { ...note, createdAt, mtime: createdAt, fieldMtimes });
		counts.notes += 1;
	}
	return counts;
}

interface MadeCard {
	card: CardRecord;
	reviews: ReviewRecord[];
}

/** A bench deck card nobody has studied: the generator's new cards, the .apkg files' too. */
export function newCardRecord(
	noteId: string,
	ord: number,
	position: number,
	createdAt: number
): CardRecord {
	const card: CardRecord = {
		...newCardState(new Date(createdAt)),
		id: cardId(noteId, ord),
		noteId,
		deckId: BENCH_DECK_ID,
		ord,
		queue: 'new',
		position,
		mtime: createdAt
	};
	// As the app stores it (schema 12): the backup and the import files carry these records as
	// they are, so they get the index-only fields the app's writes would give them.
	setIndexKeys(card);
	return card;
}

function reviewedCard(
	random: Random,
	note: NoteRecord,
	ord: number,
	position: number,
	now: number,
	overdue: boolean
): MadeCard {
	const history = placeInTime(
		simulate(random, 1 + Math.floor(random() * ANSWERED_MAX)),
		now,
		overdue,
		random
	);
	const id = cardId(note.id, ord);
	const reviews = history.logs.map((log): ReviewRecord => ({
		...log,
		id: seededUuid(random),
		cardId: id,
		deckId: BENCH_DECK_ID,
		duration: 2000 + Math.round(random() * 8000)
	}));
	const lastReview = history.card.last_review?.getTime() ?? now;
	const card: CardRecord = {
		...history.card,
		id,
		noteId: note.id,
		deckId: BENCH_DECK_ID,
		ord,
		queue: queueForState(history.card.state),
		position,
		mtime: lastReview
	};
	setIndexKeys(card);
	return { card, reviews };
}
