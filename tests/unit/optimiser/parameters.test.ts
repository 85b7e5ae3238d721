import { describe, expect, it } from 'vitest';
import { createEmptyCard, default_w, fsrs } from 'ts-fsrs';
import {
	answer,
	createScheduler,
	DEFAULT_SCHEDULER_OPTIONS,
	GRADES,
	previewGrades,
	Rating,
	State
} from '$lib/domain/scheduler';
import {
	DEFAULT_WEIGHTS,
	MIN_TRAINING_ITEMS,
	normaliseWeights,
	notEnoughReviewsMessage,
	PARAMETER_COUNT
} from '$lib/domain/optimiser/parameters';
import { NOW } from '../helpers';

const noFuzz = { ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: false };

// A personal set that differs from the defaults in every group: initial stabilities, difficulty,
// recall and forget stability, short-term stability and the FSRS-6 decay (w20).
const PERSONAL = [
	0.9, 2.1, 4.8, 20.5, 6.8, 0.6, 2.3, 0.02, 1.2, 0.12, 0.8, 1.6, 0.08, 0.35, 1.9, 0.4, 2.6, 0.6,
	0.2, 0.1, 0.3
];

/** A card reviewed twice: a day-old review card, so its next intervals are long-term ones. */
function reviewCard(weights?: readonly number[]) {
	const scheduler = createScheduler({ ...noFuzz, learningSteps: [], relearningSteps: [], weights });
	let card = createEmptyCard(NOW);
	card = answer(scheduler, card, Rating.Good, NOW).card;
	const later = new Date(NOW.getTime() + 3 * 86_400_000);
	card = answer(scheduler, card, Rating.Good, later).card;
	return { scheduler, card, at: new Date(card.due) };
}

describe('FSRS-6 parameters in ts-fsrs 5', () => {
	it('ts-fsrs 5 has 21 default parameters, the count fsrs-rs 5 optimises', () => {
		expect(default_w).toHaveLength(PARAMETER_COUNT);
		expect(DEFAULT_WEIGHTS).toEqual(default_w);
	});

	it('accepts all 21 and keeps them as given', () => {
		const scheduler = createScheduler({ ...noFuzz, weights: PERSONAL });
		expect([...scheduler.parameters.w]).toEqual(PERSONAL);
	});

	it('uses them: every grade of a review card gets a different interval than with the defaults', () => {
		const personal = reviewCard(PERSONAL);
		const defaults = reviewCard();
		expect(personal.card.state).toBe(State.Review);
		const withPersonal = previewGrades(personal.scheduler, personal.card, personal.at);
		const withDefaults = previewGrades(defaults.scheduler, defaults.card, defaults.at);
		for (const grade of GRADES.filter((g) => g !== Rating.Again)) {
			expect(withPersonal[grade].scheduled_days).not.toBe(withDefaults[grade].scheduled_days);
		}
	});

	it('uses w20, the FSRS-6 decay: changing only it changes the next interval', () => {
		const decayOnly = default_w.map((w, i) => (i === 20 ? 0.6 : w));
		const a = reviewCard(decayOnly);
		const b = reviewCard();
		expect(previewGrades(a.scheduler, a.card, a.at)[Rating.Good].scheduled_days).not.toBe(
			previewGrades(b.scheduler, b.card, b.at)[Rating.Good].scheduled_days
		);
	});
});

describe('optimised parameters', () => {
	it('round-trip from fsrs-browser float32 output into the scheduler unchanged', () => {
		const fromWasm = new Float32Array(PERSONAL);
		const stored = normaliseWeights(fromWasm);
		expect(stored).toHaveLength(21);
		stored.forEach((w, i) => expect(w).toBeCloseTo(PERSONAL[i]!, 6));
		// The app's scheduler and a bare ts-fsrs instance built from the stored set agree.
		const app = createScheduler({ ...noFuzz, weights: stored });
		const bare = fsrs({ w: stored, enable_fuzz: false });
		const card = createEmptyCard(NOW);
		for (const grade of GRADES) {
			expect(app.next(card, NOW, grade).card.stability).toBe(
				bare.next(card, NOW, grade).card.stability
			);
		}
	});

	it('refuses a set of the wrong length or with a non-number', () => {
		expect(() => normaliseWeights(PERSONAL.slice(0, 19))).toThrow(/Expected 21/);
		expect(() => normaliseWeights([...PERSONAL.slice(0, 20), Number.NaN])).toThrow(/Expected 21/);
	});

	it('explains the minimum in words below it, and says nothing at it', () => {
		expect(notEnoughReviewsMessage(12)).toMatch(
			/at least 400 reviews .* this preset has 12 so far/
		);
		expect(notEnoughReviewsMessage(MIN_TRAINING_ITEMS)).toBeUndefined();
	});
});
