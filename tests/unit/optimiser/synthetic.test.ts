// A learner whose memory follows known FSRS parameters, scheduled by the app with the defaults:
// optimising on part of the history must predict the held-out part better than the defaults do.
import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_OPTIONS } from '$lib/domain/scheduler';
import { cardHistories, packItems, reviewEvent, trainingItems } from '$lib/domain/optimiser/items';
import { evaluate } from '$lib/domain/optimiser/metrics';
import { normaliseWeights } from '$lib/domain/optimiser/parameters';
import { simulateReviews } from '$lib/domain/optimiser/simulator';
import { loadFsrsBrowser } from './fsrs-wasm';
import { NOW } from '../helpers';

// Forgets much faster than the defaults assume, so the defaults over-predict recall.
const TRUE_WEIGHTS = default_w.map((w, i) => {
	if (i < 4) {
		return w * 0.3;
	}
	if (i === 8) {
		return w * 0.6;
	}
	return i === 20 ? 0.3 : w;
});

describe('optimising a simulated history', () => {
	it('recovers parameters that predict held-out reviews better than the defaults', async () => {
		const reviews = simulateReviews({
			seed: 20260310,
			cards: 1000,
			start: NOW,
			days: 150,
			introduceOverDays: 90,
			trueWeights: TRUE_WEIGHTS,
			scheduling: { ...DEFAULT_SCHEDULER_OPTIONS, enableFuzz: false },
			deckId: 'sim'
		});
		expect(reviews.length).toBeGreaterThanOrEqual(5000);

		// Hold out every fifth card: the test set is cards the optimiser never saw.
		const heldOut = (cardId: string) => Number(cardId.split('-').at(-1)) % 5 === 0;
		const train = cardHistories(reviews.filter((r) => !heldOut(r.cardId)).map(reviewEvent));
		const test = cardHistories(reviews.filter((r) => heldOut(r.cardId)).map(reviewEvent));

		const { Fsrs } = await loadFsrsBrowser();
		const packed = packItems(trainingItems(train));
		const raw = new Fsrs().computeParameters(
			packed.ratings,
			packed.deltaTs,
			packed.lengths,
			undefined,
			true
		);
		const optimised = normaliseWeights(raw);

		const before = evaluate(test, default_w);
		const after = evaluate(test, optimised);
		const truth = evaluate(test, TRUE_WEIGHTS);
		console.info('held-out', { reviews: reviews.length, before, after, truth, optimised });
		expect(after.count).toBeGreaterThan(800);
		// Sanity check of the metric itself: the true parameters beat the defaults too.
		expect(truth.rmseBins).toBeLessThan(before.rmseBins);
		expect(after.rmseBins).toBeLessThan(before.rmseBins);
		expect(after.logLoss).toBeLessThan(before.logLoss);
	}, 120_000);
});
