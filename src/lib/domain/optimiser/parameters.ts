/**
 * FSRS-6 parameter sets as the optimiser produces and presets store them: 21 finite numbers.
 * fsrs-browser returns float32; storing them rounded keeps presets readable and stable.
 */
import { checkParameters, default_w } from 'ts-fsrs';

export const PARAMETER_COUNT = 21;

/**
 * Below this many training answers (answers on a later day than the card's previous one) the fit
 * is mostly noise; fsrs-rs itself falls back to defaults under 8 and fits only the first four
 * parameters under 64. 400 is the figure Anki used when it first shipped the optimiser.
 */
export const MIN_TRAINING_ITEMS = 400;

export const DEFAULT_WEIGHTS: readonly number[] = default_w;

/** Plain numbers rounded to 6 decimals, or an error if the set is not 21 finite values. */
export function normaliseWeights(raw: ArrayLike<number>): number[] {
	const weights = Array.from(raw, (w) => Math.round(w * 1e6) / 1e6);
	if (weights.length !== PARAMETER_COUNT || weights.some((w) => !Number.isFinite(w))) {
		throw new Error(`Expected ${PARAMETER_COUNT} finite FSRS parameters, got ${weights.length}.`);
	}
	return [...checkParameters(weights)];
}

export function sameWeights(a: readonly number[], b: readonly number[]): boolean {
	return a.length === b.length && a.every((w, i) => Math.abs(w - (b[i] ?? Number.NaN)) < 1e-6);
}

/** Why there is nothing to optimise yet, in words for the user; undefined when there is enough. */
export function notEnoughReviewsMessage(
	trainingItems: number,
	allDecks = false
): string | undefined {
	if (trainingItems >= MIN_TRAINING_ITEMS) {
		return undefined;
	}
	const where = allDecks ? 'your decks have' : 'this preset has';
	return (
		`Personal parameters need at least ${MIN_TRAINING_ITEMS} reviews of cards you had already ` +
		`seen on an earlier day; ${where} ${trainingItems} so far. Until then the default ` +
		`parameters, fitted to millions of reviews, serve you better.`
	);
}
