/**
 * The one place that talks to ts-fsrs. Every function takes `now` so tests run on a fixed clock.
 */
import {
	fsrs,
	generatorParameters,
	type Card,
	type FSRS,
	type FSRSParameters,
	type Grade,
	type ReviewLog
} from 'ts-fsrs';
import { Rating, State } from './fsrs-enums';
import { newCardState } from './new-card-state';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler-options';

export { newCardState, Rating, State };
export { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions };
export type { Card, Grade, ReviewLog };

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export const GRADE_NAMES: Record<Grade, 'Again' | 'Hard' | 'Good' | 'Easy'> = {
	[Rating.Again]: 'Again',
	[Rating.Hard]: 'Hard',
	[Rating.Good]: 'Good',
	[Rating.Easy]: 'Easy'
};

export function createScheduler(options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS): FSRS {
	const params: Partial<FSRSParameters> = {
		request_retention: options.desiredRetention,
		maximum_interval: options.maximumInterval,
		enable_fuzz: options.enableFuzz,
		// Empty steps on both sides means FSRS manages short-term memory itself.
		enable_short_term: options.learningSteps.length > 0 || options.relearningSteps.length > 0,
		learning_steps: options.learningSteps,
		relearning_steps: options.relearningSteps
	};
	if (options.weights) {
		params.w = [...options.weights];
	}
	return fsrs(generatorParameters(params));
}

/**
 * ts-fsrs's log plus what its `rollback` cannot recover by itself (the due date and last review
 * before the answer), so that undo restores the card exactly.
 */
export interface AnswerLog extends ReviewLog {
	cardDue: Date;
	cardLastReview?: Date;
}

export interface Answer {
	card: Card;
	log: AnswerLog;
}

/** The card after answering `grade` at `now`, and the log entry (state before the answer). */
export function answer(scheduler: FSRS, card: Card, grade: Grade, now: Date): Answer {
	const { card: next, log } = scheduler.next(card, now, grade);
	return { card: next, log: withCardHistory(log, card) };
}

/** What each grade would do, for the buttons' interval labels. */
export function previewGrades(scheduler: FSRS, card: Card, now: Date): Record<Grade, Card> {
	const preview = scheduler.repeat(card, now);
	return {
		[Rating.Again]: preview[Rating.Again].card,
		[Rating.Hard]: preview[Rating.Hard].card,
		[Rating.Good]: preview[Rating.Good].card,
		[Rating.Easy]: preview[Rating.Easy].card
	};
}

/** The card exactly as it was before `log` was applied. */
export function undoAnswer(scheduler: FSRS, card: Card, log: AnswerLog): Card {
	const { cardDue, cardLastReview, ...fsrsLog } = log;
	const previous: Card = { ...scheduler.rollback(card, fsrsLog), due: new Date(cardDue) };
	if (cardLastReview) {
		previous.last_review = new Date(cardLastReview);
	} else {
		delete previous.last_review;
	}
	return previous;
}

function withCardHistory(log: ReviewLog, card: Card): AnswerLog {
	const full: AnswerLog = { ...log, cardDue: card.due };
	if (card.last_review) {
		full.cardLastReview = card.last_review;
	}
	return full;
}

/** Resets the card to new (ts-fsrs `forget`), with a Manual log so history stays replayable. */
export function forgetCard(scheduler: FSRS, card: Card, now: Date, resetCounts: boolean): Answer {
	const { card: next, log } = scheduler.forget(card, now, resetCounts);
	return { card: next, log: withCardHistory(log, card) };
}

/**
 * Moves the card's due date to `due` (Anki's "set due date"). A new or learning card becomes a
 * review card; one with no memory yet gets the stability that makes `days` its interval at the
 * desired retention, and the difficulty of a first "Good".
 */
export function setDueDate(scheduler: FSRS, card: Card, due: Date, now: Date): Answer {
	const days = Math.max(0, Math.round((due.getTime() - now.getTime()) / 86_400_000));
	const known = card.state !== State.New && card.stability > 0;
	const next: Card = {
		...card,
		due,
		state: State.Review,
		learning_steps: 0,
		stability: known ? card.stability : Math.max(days, 1),
		difficulty: known ? card.difficulty : scheduler.init_difficulty(Rating.Good),
		scheduled_days: card.state === State.Review ? card.scheduled_days : days
	};
	const log: ReviewLog = {
		rating: Rating.Manual,
		state: card.state,
		due: card.due,
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: 0,
		last_elapsed_days: card.elapsed_days,
		scheduled_days: days,
		learning_steps: card.learning_steps,
		review: now
	};
	return { card: next, log: withCardHistory(log, card) };
}
