import { describe, expect, it } from 'vitest';
import { fsrs, generatorParameters } from 'ts-fsrs';
import {
	answer,
	createScheduler,
	GRADES,
	newCardState,
	previewGrades,
	Rating,
	State,
	undoAnswer
} from '$lib/domain/scheduler';
import { NOW } from './helpers';

const noFuzz = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	enableFuzz: false,
	learningSteps: ['1m', '10m'] as const,
	relearningSteps: ['10m'] as const
};

describe('scheduler', () => {
	it('a new card answered Good enters the 10 minute learning step', () => {
		const scheduler = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const { card, log } = answer(scheduler, newCardState(NOW), Rating.Good, NOW);
		expect(card.state).toBe(State.Learning);
		expect(card.due.getTime() - NOW.getTime()).toBe(10 * 60_000);
		expect(card.reps).toBe(1);
		expect(card.stability).toBeGreaterThan(0);
		expect(log.state).toBe(State.New);
		expect(log.rating).toBe(Rating.Good);
	});

	it('a new card answered Again comes back after one minute', () => {
		const scheduler = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const { card } = answer(scheduler, newCardState(NOW), Rating.Again, NOW);
		expect(card.state).toBe(State.Learning);
		expect(card.due.getTime() - NOW.getTime()).toBe(60_000);
	});

	it('matches ts-fsrs itself for every grade', () => {
		const ours = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const reference = fsrs(
			generatorParameters({
				enable_fuzz: false,
				learning_steps: ['1m', '10m'],
				relearning_steps: ['10m']
			})
		);
		for (const grade of GRADES) {
			expect(answer(ours, newCardState(NOW), grade, NOW).card).toEqual(
				reference.next(newCardState(NOW), NOW, grade).card
			);
		}
	});

	it('a review card answered Again lapses into relearning', () => {
		const scheduler = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const learned = answer(scheduler, newCardState(NOW), Rating.Easy, NOW).card;
		expect(learned.state).toBe(State.Review);
		const later = learned.due;
		const { card } = answer(scheduler, learned, Rating.Again, later);
		expect(card.state).toBe(State.Relearning);
		expect(card.lapses).toBe(1);
		expect(card.due.getTime() - later.getTime()).toBe(10 * 60_000);
	});

	it('previews are ordered Again < Hard < Good < Easy for a review card', () => {
		const scheduler = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const review = answer(scheduler, newCardState(NOW), Rating.Easy, NOW).card;
		const at = new Date(review.due.getTime());
		const p = previewGrades(scheduler, review, at);
		expect(p[Rating.Again].due.getTime()).toBeLessThan(p[Rating.Hard].due.getTime());
		expect(p[Rating.Hard].due.getTime()).toBeLessThan(p[Rating.Good].due.getTime());
		expect(p[Rating.Good].due.getTime()).toBeLessThan(p[Rating.Easy].due.getTime());
	});

	it('undo restores the card exactly', () => {
		const scheduler = createScheduler({ ...noFuzz, learningSteps: ['1m', '10m'] });
		const before = answer(scheduler, newCardState(NOW), Rating.Good, NOW).card;
		const at = new Date(NOW.getTime() + 11 * 60_000);
		const { card, log } = answer(scheduler, before, Rating.Good, at);
		expect(undoAnswer(scheduler, card, log)).toEqual(before);
	});
});
