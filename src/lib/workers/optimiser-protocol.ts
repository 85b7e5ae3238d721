/** Messages between the page and the optimiser worker. Plain data: they are structured-cloned. */
import type { Evaluation } from '$lib/domain/optimiser/metrics';

/**
 * The worker reads the history (and the study day's start hour) from IndexedDB itself: reading
 * and cloning tens of thousands of reviews on the page would freeze it for a second or more.
 */
export type OptimiserRequest =
	| {
			type: 'optimise';
			presetId: string;
			/** Train on every deck's reviews rather than only the preset's decks. */
			allDecks: boolean;
			enableShortTerm: boolean;
	  }
	| {
			type: 'evaluate';
			presetId: string;
			allDecks: boolean;
			weights: number[][];
	  };

export type OptimiserStage = 'reading' | 'building' | 'loading' | 'training' | 'evaluating';

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
