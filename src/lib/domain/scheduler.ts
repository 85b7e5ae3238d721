/**
 * The one place that talks to ts-fsrs. Every function takes `now` so tests run on a fixed clock.
 */
import {
	createEmptyCard,
	fsrs,
	generatorParameters,
	Rating,
	State,
	type Card,
	type FSRS,
	type FSRSParameters,
	type Grade,
	type ReviewLog,
	type Steps
} from 'ts-fsrs';

export { Rating, State };
export type { Card, Grade, ReviewLog };

export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export const GRADE_NAMES: Record<Grade, 'Again' | 'Hard' | 'Good' | 'Easy'> = {
	[Rating.Again]: 'Again',
	[Rating.Hard]: 'Hard',
	[Rating.Good]: 'Good',
	[Rating.Easy]: 'Easy'
};

export interface SchedulerOptions {
	desiredRetention: number;
	maximumInterval: number;
	enableFuzz: boolean;
	learningSteps: Steps;
	relearningSteps: Steps;
	/** The 21 FSRS-6 weights; undefined means ts-fsrs defaults. */
	weights?: readonly number[];
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	enableFuzz: true,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m']
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

export function newCardState(now: Date): Card {
	return createEmptyCard(now);
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
	const full: AnswerLog = { ...log, cardDue: card.due };
	if (card.last_review) {
		full.cardLastReview = card.last_review;
	}
	return { card: next, log: full };
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
