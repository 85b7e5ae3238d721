/**
 * State of the optimise panel for one preset: optimising (with progress and cancel), evaluating,
 * applying, and the optional reschedule with its due-load preview.
 */
import type { Evaluation } from '$lib/domain/optimiser/metrics';
import { errorMessage } from '$lib/domain/error-message';
import { notEnoughReviewsMessage } from '$lib/domain/optimiser/parameters';
import type { EngramDB } from '$lib/storage/db';
import { applyWeights, currentWeights, type DueLoadPreview } from '$lib/storage/optimiser';
import type { OptimiserStage } from '$lib/workers/optimiser-protocol';
import { startJob, type FinalReply, type OptimiserJob, type Progress } from './optimiser-client';

export type PanelStatus = 'idle' | 'running' | 'not-enough' | 'optimised' | 'cancelled' | 'failed';

export interface OptimiseResult {
	weights: number[];
	current: Evaluation;
	optimised: Evaluation;
	trainingItems: number;
	seconds: number;
	threads: number;
}

/** The reply a request was meant to get; anything else becomes the error the panel shows. */
function replyOf<T extends FinalReply['type']>(
	reply: FinalReply | { type: 'cancelled' },
	type: T
): Extract<FinalReply, { type: T }> {
	if (reply.type === type) {
		return reply as Extract<FinalReply, { type: T }>;
	}
	throw new Error(reply.type === 'error' ? reply.message : 'The optimiser stopped unexpectedly.');
}

export class OptimiserPanel {
	status = $state<PanelStatus>('idle');
	stage = $state<OptimiserStage>('reading');
	trainingItems = $state(0);
	progress = $state<Progress | undefined>(undefined);
	message = $state('');
	result = $state<OptimiseResult | undefined>(undefined);
	/** Current parameters' figures, when evaluated before optimising. */
	evaluation = $state<Evaluation | undefined>(undefined);
	showEvaluation = $state(false);
	applied = $state(false);
	preview = $state<DueLoadPreview | undefined>(undefined);
	busy = $state(false);
	/** Train on the reviews of every deck, not just the decks using this preset. */
	allDecks = $state(false);

	#job: OptimiserJob | undefined;

	constructor(
		private readonly db: EngramDB,
		private readonly presetId: string
	) {}

	async optimise(): Promise<void> {
		this.#reset();
		this.status = 'running';
		this.#job = startJob(
			{
				type: 'optimise',
				presetId: this.presetId,
				allDecks: this.allDecks,
				enableShortTerm: true
			},
			{
				onStage: (reply) => {
					this.stage = reply.stage;
					this.trainingItems = reply.trainingItems;
				},
				onProgress: (progress) => (this.progress = progress)
			}
		);
		const reply = await this.#job.done;
		this.#job = undefined;
		if (reply.type === 'optimised') {
			this.result = { ...reply, seconds: reply.milliseconds / 1000 };
			this.status = 'optimised';
		} else if (reply.type === 'not-enough') {
			this.trainingItems = reply.trainingItems;
			this.message = notEnoughReviewsMessage(reply.trainingItems, this.allDecks) ?? '';
			this.status = 'not-enough';
		} else if (reply.type === 'cancelled') {
			this.status = 'cancelled';
			this.message = 'Optimisation cancelled; nothing was changed.';
		} else {
			this.#fail(reply.type === 'error' ? reply.message : 'Unexpected reply.');
		}
	}

	cancel(): void {
		this.#job?.cancel();
	}

	/** Shows log loss and RMSE: current vs optimised, or the current parameters alone. */
	async evaluate(): Promise<void> {
		this.showEvaluation = true;
		if (this.result || this.evaluation) {
			return;
		}
		this.busy = true;
		const weights = await currentWeights(this.db, this.presetId);
		const reply = await startJob({
			type: 'evaluate',
			presetId: this.presetId,
			allDecks: this.allDecks,
			weights: [[...weights]]
		}).done;
		this.busy = false;
		if (reply.type === 'evaluated') {
			this.evaluation = reply.evaluations[0];
		} else {
			this.#fail(reply.type === 'error' ? reply.message : 'Evaluation did not finish.');
		}
	}

	async apply(now: Date): Promise<void> {
		await this.#withResult(async (weights) => {
			await applyWeights(this.db, this.presetId, weights, now);
			this.applied = true;
		});
	}

	/** The 30-day due load before and after rescheduling, worked out in the worker. */
	async previewReschedule(now: Date): Promise<void> {
		await this.#withResult(async (weights) => {
			const request = { presetId: this.presetId, weights, now: now.getTime() };
			const reply = await startJob({ type: 'preview', ...request }).done;
			this.preview = replyOf(reply, 'previewed').preview;
		});
	}

	async reschedule(now: Date): Promise<void> {
		await this.#withResult(async (weights) => {
			const request = { presetId: this.presetId, weights, now: now.getTime() };
			const { moved } = replyOf(
				await startJob({ type: 'reschedule', ...request }).done,
				'rescheduled'
			);
			this.preview = undefined;
			this.message = `${moved} ${moved === 1 ? 'card was' : 'cards were'} rescheduled.`;
		});
	}

	/** Runs a storage action on the optimised weights; a failure becomes a message. */
	async #withResult(action: (weights: number[]) => Promise<void>): Promise<void> {
		if (!this.result) {
			return;
		}
		// A plain copy: a reactive proxy cannot be posted to the worker or stored.
		const weights = $state.snapshot(this.result.weights);
		this.busy = true;
		try {
			await action(weights);
		} catch (error) {
			this.#fail(errorMessage(error));
		} finally {
			this.busy = false;
		}
	}

	#fail(message: string): void {
		this.status = 'failed';
		this.message = message;
	}

	#reset(): void {
		this.stage = 'reading';
		this.progress = undefined;
		this.message = '';
		this.result = undefined;
		this.evaluation = undefined;
		this.showEvaluation = false;
		this.applied = false;
		this.preview = undefined;
	}
}

// A cache, never read reactively: each panel's own fields are the state.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const panels = new Map<string, OptimiserPanel>();

/**
 * The panel of a preset, one for the page's life. The deck options page re-renders the panel
 * whenever the preset is saved (applying parameters saves it), and an optimisation under way or
 * its result must survive that, as they do leaving the page and coming back.
 */
export function panelFor(db: EngramDB, presetId: string): OptimiserPanel {
	let panel = panels.get(presetId);
	if (!panel) {
		panel = new OptimiserPanel(db, presetId);
		panels.set(presetId, panel);
	}
	return panel;
}
