/**
 * Every grade from every state, and fast-check properties of the scheduler: whatever the history,
 * an answer is due after now, keeps stability and difficulty in FSRS's range, and undo gives the
 * card back exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { S_MAX, S_MIN } from 'ts-fsrs';
import {
	answer,
	createScheduler,
	GRADES,
	newCardState,
	Rating,
	State,
	undoAnswer,
	type Card,
	type Grade
} from '$lib/domain/scheduler';
import { NOW } from './helpers';

const MINUTE = 60_000;
const options = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	enableFuzz: false,
	learningSteps: ['1m', '10m'] as const,
	relearningSteps: ['10m'] as const
};
const scheduler = createScheduler({
	...options,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m']
});

/** Answers `grades` in turn, each when the card is due. */
function replay(grades: Grade[], start = NOW): { card: Card; now: Date } {
	let card = newCardState(start);
	let now = start;
	for (const grade of grades) {
		now = new Date(Math.max(now.getTime(), card.due.getTime()));
		card = answer(scheduler, card, grade, now).card;
	}
	return { card, now: new Date(Math.max(now.getTime(), card.due.getTime())) };
}

const FROM: Record<string, Grade[]> = {
	new: [],
	learning: [Rating.Good],
	review: [Rating.Easy],
	relearning: [Rating.Easy, Rating.Again]
};

describe('every grade from every state (1m 10m learning, 10m relearning, no fuzz)', () => {
	it.each([
		['new', State.New, [State.Learning, State.Learning, State.Learning, State.Review]],
		['learning', State.Learning, [State.Learning, State.Learning, State.Review, State.Review]],
		['review', State.Review, [State.Relearning, State.Review, State.Review, State.Review]],
		[
			'relearning',
			State.Relearning,
			[State.Relearning, State.Relearning, State.Review, State.Review]
		]
	] as const)('%s', (name, state, expected) => {
		const { card, now } = replay(FROM[name]!);
		expect(card.state).toBe(state);
		const results = GRADES.map((grade) => answer(scheduler, card, grade, now));
		expect(results.map((r) => r.card.state)).toEqual(expected);
		const dues = results.map((r) => r.card.due.getTime());
		for (let i = 1; i < dues.length; i += 1) {
			expect(dues[i]).toBeGreaterThanOrEqual(dues[i - 1]!);
		}
		for (const [i, r] of results.entries()) {
			expect(r.card.due.getTime()).toBeGreaterThan(now.getTime());
			expect(r.card.reps).toBe(card.reps + 1);
			expect(r.card.lapses).toBe(card.lapses + (state === State.Review && i === 0 ? 1 : 0));
			expect(r.log).toMatchObject({ rating: GRADES[i], state });
			expect(undoAnswer(scheduler, r.card, r.log)).toEqual(card);
		}
	});

	it('follows the learning steps: Again 1m, Good 10m, then Good graduates', () => {
		const fresh = newCardState(NOW);
		expect(answer(scheduler, fresh, Rating.Again, NOW).card.due.getTime() - NOW.getTime()).toBe(
			MINUTE
		);
		const second = answer(scheduler, fresh, Rating.Good, NOW).card;
		expect(second.due.getTime() - NOW.getTime()).toBe(10 * MINUTE);
		const graduated = answer(scheduler, second, Rating.Good, second.due).card;
		expect(graduated.state).toBe(State.Review);
		expect(graduated.scheduled_days).toBeGreaterThanOrEqual(1);
	});

	it('relearns a lapse on the 10m relearning step', () => {
		const { card, now } = replay([Rating.Easy]);
		const lapsed = answer(scheduler, card, Rating.Again, now).card;
		expect(lapsed.due.getTime() - now.getTime()).toBe(10 * MINUTE);
	});
});

const grade = fc.constantFrom<Grade>(...GRADES);
const history = fc.array(grade, { maxLength: 12 });
/** Answers given late or early (minutes from the due time), as people do. */
const delay = fc.integer({ min: -30, max: 60 * 24 * 400 });

describe('scheduler properties', () => {
	const fuzzed = createScheduler({
		...options,
		learningSteps: ['1m', '10m'],
		relearningSteps: ['10m'],
		enableFuzz: true
	});

	it('whatever the history and delay, every grade is due after now with S and D in range', () => {
		fc.assert(
			fc.property(history, delay, grade, (grades, late, last) => {
				const { card, now } = replay(grades);
				const at = new Date(Math.max(NOW.getTime(), now.getTime() + late * MINUTE));
				const { card: next } = answer(fuzzed, card, last, at);
				expect(next.due.getTime()).toBeGreaterThan(at.getTime());
				expect(next.stability).toBeGreaterThanOrEqual(S_MIN);
				expect(next.stability).toBeLessThanOrEqual(S_MAX);
				expect(next.difficulty).toBeGreaterThanOrEqual(1);
				expect(next.difficulty).toBeLessThanOrEqual(10);
				expect(next.scheduled_days).toBeLessThanOrEqual(options.maximumInterval);
			}),
			{ numRuns: 300 }
		);
	});

	it('undo(answer(card)) == card, for every grade from every reachable state', () => {
		fc.assert(
			fc.property(history, delay, grade, (grades, late, last) => {
				const { card, now } = replay(grades);
				const at = new Date(Math.max(NOW.getTime(), now.getTime() + late * MINUTE));
				const { card: next, log } = answer(fuzzed, card, last, at);
				expect(undoAnswer(fuzzed, next, log)).toEqual(card);
			}),
			{ numRuns: 300 }
		);
	});
});
