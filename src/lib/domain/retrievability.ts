/** How likely a card is to be recalled at a moment: FSRS's forgetting curve from its memory state. */
import { default_w, forgetting_curve, generatorParameters } from 'ts-fsrs';

export interface MemoryFacts {
	/** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	stability: number;
	lastReview: Date | undefined;
	/** The preset's FSRS weights (undefined: ts-fsrs's defaults). */
	weights: readonly number[] | undefined;
}

const DAY_MS = 86_400_000;

/** Retrievability in [0, 1] at `now`; undefined for a card with no memory yet. */
export function retrievability(card: MemoryFacts, now: Date): number | undefined {
	if (card.stability <= 0 || card.lastReview === undefined || card.state === 0) {
		return undefined;
	}
	const days = Math.max(0, (now.getTime() - card.lastReview.getTime()) / DAY_MS);
	return forgetting_curve(curveWeights(card.weights), days, card.stability);
}

const migrated = new WeakMap<readonly number[], readonly number[]>();

/** Weights as the scheduler uses them: older 17- or 19-weight sets gain FSRS-6's decay. */
function curveWeights(weights: readonly number[] | undefined): readonly number[] {
	if (!weights) {
		return default_w;
	}
	let full = migrated.get(weights);
	if (!full) {
		full = generatorParameters({ w: [...weights] }).w;
		migrated.set(weights, full);
	}
	return full;
}
