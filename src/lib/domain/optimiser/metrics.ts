/**
 * How well a set of FSRS parameters predicts a history: log loss and RMSE over 20 calibration
 * bins, the two figures fsrs-rs and Anki report (fsrs-browser does not expose its evaluator).
 * Each training target is predicted from the memory state after the answers before it.
 */
import { FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs';
import type { CardHistory } from './items';

export interface Evaluation {
	logLoss: number;
	rmseBins: number;
	/** Number of predictions the figures are based on. */
	count: number;
}

export interface Prediction {
	/** Predicted probability of recall. */
	p: number;
	/** 1 when recalled (Hard, Good or Easy), 0 after Again. */
	y: number;
}

const BINS = 20;
// Keeps log loss finite when a prediction is exactly 0 or 1.
const EPSILON = 1e-7;

function algorithmFor(weights: readonly number[]): FSRSAlgorithm {
	return new FSRSAlgorithm(generatorParameters({ w: [...weights], enable_short_term: true }));
}

/** Replays each history and predicts every answer given on a later day than the one before. */
export function predict(
	histories: readonly CardHistory[],
	weights: readonly number[]
): Prediction[] {
	const fsrs = algorithmFor(weights);
	const predictions: Prediction[] = [];
	for (const history of histories) {
		let state: FSRSState | null = null;
		for (const { rating, deltaT } of history) {
			if (state && deltaT > 0) {
				predictions.push({
					p: fsrs.forgetting_curve(deltaT, state.stability),
					y: rating > 1 ? 1 : 0
				});
			}
			state = fsrs.next_state(state, deltaT, rating);
		}
	}
	return predictions;
}

export function logLoss(predictions: readonly Prediction[]): number {
	let sum = 0;
	for (const { p, y } of predictions) {
		const q = Math.min(1 - EPSILON, Math.max(EPSILON, p));
		sum -= y * Math.log(q) + (1 - y) * Math.log(1 - q);
	}
	return predictions.length ? sum / predictions.length : Number.NaN;
}

/** fsrs-rs's bins: log-spaced so high retention, where most answers fall, is finely resolved. */
export function calibrationBin(p: number): number {
	const binned = Math.floor(Math.exp(p * Math.log(BINS + 1))) - 1;
	return Math.min(BINS - 1, Math.max(0, binned));
}

/** Root mean square of (mean predicted - observed recall) per bin, weighted by bin size. */
export function rmseBins(predictions: readonly Prediction[]): number {
	const bins = new Map<number, { p: number; y: number; n: number }>();
	for (const { p, y } of predictions) {
		const key = calibrationBin(p);
		const bin = bins.get(key) ?? { p: 0, y: 0, n: 0 };
		bin.p += p;
		bin.y += y;
		bin.n += 1;
		bins.set(key, bin);
	}
	let sum = 0;
	for (const bin of bins.values()) {
		sum += (bin.p / bin.n - bin.y / bin.n) ** 2 * bin.n;
	}
	return predictions.length ? Math.sqrt(sum / predictions.length) : Number.NaN;
}

export function evaluate(
	histories: readonly CardHistory[],
	weights: readonly number[]
): Evaluation {
	const predictions = predict(histories, weights);
	return {
		logLoss: logLoss(predictions),
		rmseBins: rmseBins(predictions),
		count: predictions.length
	};
}
