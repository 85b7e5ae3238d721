/** Messages between the page and the optimiser worker. Plain data: they are structured-cloned. */
import type { Evaluation } from '$lib/domain/optimiser/metrics';
import type { DueLoadPreview } from '$lib/storage/optimiser';

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
	  }
	/**
	 * Replaying every review card's history under new parameters takes a second or more with tens
	 * of thousands of reviews, so the preview and the rescheduling run here too.
	 */
	| { type: 'preview'; presetId: string; weights: number[]; now: number }
	| { type: 'reschedule'; presetId: string; weights: number[]; now: number };

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
	| { type: 'previewed'; preview: DueLoadPreview }
	| { type: 'rescheduled'; moved: number }
	| { type: 'error'; message: string };
