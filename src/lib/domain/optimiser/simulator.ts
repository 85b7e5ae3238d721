/**
 * A simulated learner for tests and benchmarks: cards are scheduled by the app's own scheduler,
 * but whether each one is recalled is drawn from a "true" FSRS memory model with known
 * parameters, so an optimiser fed the history should move towards those parameters. Seeded, so a
 * given seed always produces the same history.
 */
import { FSRSAlgorithm, generatorParameters, Rating, type FSRSState, type Grade } from 'ts-fsrs';
import type { ReviewRecord } from '../model';
import {
	answer,
	createScheduler,
	newCardState,
	type Card,
	type SchedulerOptions
} from '../scheduler';
import { DEFAULT_DAY_START_HOUR } from '../study-day';
import { studyDaysBetween } from './items';

/** mulberry32: tiny, fast and good enough for simulations; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

export interface SimulationOptions {
	seed: number;
	cards: number;
	/** First day of the simulation; cards are introduced over `introduceOverDays`. */
	start: Date;
	days: number;
	introduceOverDays: number;
	/** The learner's real memory. */
	trueWeights: readonly number[];
	/** How the app schedules (its weights are what the user currently has). */
	scheduling: SchedulerOptions;
	deckId: string;
	dayStartHour?: number;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** First sight: a quarter of cards are already known (Easy), a quarter not at all (Again). */
function firstGrade(random: () => number): Grade {
	const roll = random();
	if (roll < 0.25) {
		return Rating.Again;
	}
	if (roll < 0.35) {
		return Rating.Hard;
	}
	return roll < 0.75 ? Rating.Good : Rating.Easy;
}

function gradeFor(recalled: boolean, random: () => number): Grade {
	if (!recalled) {
		return Rating.Again;
	}
	const roll = random();
	if (roll < 0.12) {
		return Rating.Hard;
	}
	return roll < 0.9 ? Rating.Good : Rating.Easy;
}

interface CardRun {
	cardId: string;
	introducedAt: number;
	end: number;
}

export interface SimulatedCard {
	id: string;
	/** The card's FSRS state after its last simulated answer. */
	card: Card;
}

function simulateCard(
	run: CardRun,
	options: SimulationOptions,
	memory: FSRSAlgorithm,
	random: () => number
): { reviews: ReviewRecord[]; card: Card } {
	const scheduler = createScheduler(options.scheduling);
	const dayStart = options.dayStartHour ?? DEFAULT_DAY_START_HOUR;
	const reviews: ReviewRecord[] = [];
	let card = newCardState(new Date(run.introducedAt));
	let truth: FSRSState | null = null;
	let time = run.introducedAt;
	let last = time;
	while (time < run.end) {
		const days = truth ? studyDaysBetween(last, time, dayStart) : 0;
		const grade = truth
			? gradeFor(random() < memory.forgetting_curve(days, truth.stability), random)
			: firstGrade(random);
		truth = memory.next_state(truth, days, grade);
		const result = answer(scheduler, card, grade, new Date(time));
		reviews.push({
			...result.log,
			id: `${run.cardId}-r${reviews.length}`,
			cardId: run.cardId,
			deckId: options.deckId,
			duration: 4000 + Math.floor(random() * 8000)
		});
		card = result.card;
		last = time;
		// People rarely study at the exact due minute: reviews come up to half a day late.
		const late = card.scheduled_days > 0 ? Math.floor(random() * 12 * HOUR_MS) : 0;
		time = card.due.getTime() + late;
	}
	return { reviews, card };
}

/** Every answer the simulated learner gives, ordered by time, and each card's final state. */
export function simulateLearner(options: SimulationOptions): {
	reviews: ReviewRecord[];
	cards: SimulatedCard[];
} {
	const random = seededRandom(options.seed);
	const memory = new FSRSAlgorithm(
		generatorParameters({ w: [...options.trueWeights], enable_short_term: true })
	);
	const start = options.start.getTime();
	const end = start + options.days * DAY_MS;
	const reviews: ReviewRecord[] = [];
	const cards: SimulatedCard[] = [];
	for (let i = 0; i < options.cards; i += 1) {
		const day = Math.floor((i / options.cards) * options.introduceOverDays);
		const introducedAt = start + day * DAY_MS + Math.floor(random() * 8 * HOUR_MS);
		const run = { cardId: `sim-card-${options.seed}-${i}`, introducedAt, end };
		const simulated = simulateCard(run, options, memory, random);
		reviews.push(...simulated.reviews);
		cards.push({ id: run.cardId, card: simulated.card });
	}
	reviews.sort((a, b) => a.review.getTime() - b.review.getTime());
	return { reviews, cards };
}

/** Every answer the simulated learner gives, ordered by time. */
export function simulateReviews(options: SimulationOptions): ReviewRecord[] {
	return simulateLearner(options).reviews;
}
