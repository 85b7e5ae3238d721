import { describe, expect, it } from 'vitest';
import { default_w, forgetting_curve } from 'ts-fsrs';
import {
	calibrationBin,
	evaluate,
	logLoss,
	predict,
	rmseBins
} from '$lib/domain/optimiser/metrics';

const review = (rating: number, deltaT: number) => ({ rating, deltaT });

describe('optimiser metrics', () => {
	const predictions = [
		{ p: 0.9, y: 1 },
		{ p: 0.9, y: 0 },
		{ p: 0.5, y: 1 },
		{ p: 0.5, y: 1 }
	];

	it('log loss is the mean negative log-likelihood', () => {
		// -(ln 0.9 + ln 0.1 + 2 ln 0.5) / 4
		expect(logLoss(predictions)).toBeCloseTo(0.948561, 5);
	});

	it('bins predictions on fsrs-rs log scale: 20 bins, finer near 1', () => {
		expect(calibrationBin(0)).toBe(0);
		expect(calibrationBin(0.5)).toBe(3);
		expect(calibrationBin(0.9)).toBe(14);
		expect(calibrationBin(1)).toBe(19);
	});

	it('RMSE (bins) weighs each bin by its size', () => {
		// bin 14: predicted 0.9, observed 0.5, 2 answers; bin 3: predicted 0.5, observed 1, 2 answers
		expect(rmseBins(predictions)).toBeCloseTo(Math.sqrt((0.16 * 2 + 0.25 * 2) / 4), 9);
	});

	it('predicts only answers given on a later day, from the state before them', () => {
		const history = [review(3, 0), review(1, 0), review(3, 0), review(3, 2)];
		const [only, ...rest] = predict([history], default_w);
		expect(rest).toHaveLength(0);
		expect(only?.y).toBe(1);
		expect(only?.p).toBeGreaterThan(0);
		expect(only?.p).toBeLessThan(1);
	});

	it('the first long-term review is predicted from the initial stability of the first grade', () => {
		const [prediction] = predict([[review(3, 0), review(1, 4)]], default_w);
		expect(prediction).toEqual({ p: forgetting_curve(default_w, 4, default_w[2]!), y: 0 });
	});

	it('evaluates a set of histories into both figures and their count', () => {
		const result = evaluate([[review(3, 0), review(3, 1), review(3, 3)]], default_w);
		expect(result.count).toBe(2);
		expect(result.logLoss).toBeGreaterThan(0);
		expect(result.rmseBins).toBeGreaterThan(0);
	});
});
