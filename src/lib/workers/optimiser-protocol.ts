/** Messages between the page and the optimiser worker. Plain data: they are structured-cloned. */
import type { ReviewEvent } from '$lib/domain/optimiser/items';
import type { Evaluation } from '$lib/domain/optimiser/metrics';

export type OptimiserRequest =
	| {
			type: 'optimise';
			reviews: ReviewEvent[];
			currentWeights: number[];
			dayStartHour: number;
			enableShortTerm: boolean;
	  }
	| { type: 'evaluate'; reviews: ReviewEvent[]; weights: number[][]; dayStartHour: number };

export type OptimiserStage = 'loading' | 'training' | 'evaluating';

export type OptimiserReply =
	| { type: 'stage'; stage: OptimiserStage; trainingItems: number; threads: number }
	/** Only when cross-origin isolated: the shared WASM memory holding [processed, total]. */
	| { type: 'progress-memory'; memory: WebAssembly.Memory; pointer: number }
	| { type: 'not-enough'; trainingItems: number }
	| {
			type: 'optimised';
			weights: number[];
			current: Evaluation;
			optimised: Evaluation;
			trainingItems: number;
			milliseconds: number;
			threads: number;
	  }
	| { type: 'evaluated'; evaluations: Evaluation[] }
	| { type: 'error'; message: string };
