/**
 * The FSRS optimiser, off the main thread: fsrs-browser's `computeParameters` is synchronous and
 * takes seconds, so it runs here, and this is the only module that imports fsrs-browser (its
 * WASM is then emitted and precached once). Without cross-origin isolation it runs single-
 * threaded; when the page is isolated it starts a thread pool and shares its progress counter.
 * Cancelling is terminating the worker: fsrs-browser has no abort.
 */
import init, { Fsrs, Progress, initThreadPool, type InitOutput } from 'fsrs-browser';
import { errorMessage } from '$lib/domain/error-message';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import { countTrainingItems, packItems, trainingItems } from '$lib/domain/optimiser/items';
import { evaluate } from '$lib/domain/optimiser/metrics';
import { MIN_TRAINING_ITEMS, normaliseWeights } from '$lib/domain/optimiser/parameters';
import { getDb } from '$lib/storage/db';
import {
	currentWeights,
	historiesFor,
	previewReschedule,
	rescheduleCards
} from '$lib/storage/optimiser';
import type { OptimiserReply, OptimiserRequest } from './optimiser-protocol';

/** The part of the worker global this file uses (the DOM lib has no worker scope type). */
interface WorkerScope {
	crossOriginIsolated: boolean;
	postMessage(message: OptimiserReply): void;
	onmessage: ((event: MessageEvent<OptimiserRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

let wasm: Promise<{ output: InitOutput; threads: number }> | undefined;

async function loadWasm(): Promise<{ output: InitOutput; threads: number }> {
	const output = await init({ module_or_path: wasmUrl });
	if (!scope.crossOriginIsolated) {
		return { output, threads: 1 };
	}
	const threads = Math.max(1, navigator.hardwareConcurrency || 1);
	await initThreadPool(threads);
	return { output, threads };
}

function reply(message: OptimiserReply): void {
	scope.postMessage(message);
}

async function optimise(request: Extract<OptimiserRequest, { type: 'optimise' }>): Promise<void> {
	reply({ type: 'stage', stage: 'reading', trainingItems: 0, threads: 1 });
	const db = getDb();
	const [histories, current] = await Promise.all([
		historiesFor(db, request.allDecks ? undefined : request.presetId, () =>
			reply({ type: 'stage', stage: 'building', trainingItems: 0, threads: 1 })
		),
		currentWeights(db, request.presetId)
	]);
	const count = countTrainingItems(histories);
	if (count < MIN_TRAINING_ITEMS) {
		reply({ type: 'not-enough', trainingItems: count });
		return;
	}
	const packed = packItems(trainingItems(histories));
	reply({ type: 'stage', stage: 'loading', trainingItems: count, threads: 1 });
	wasm ??= loadWasm();
	const { output, threads } = await wasm;
	const progress = Progress.new();
	if (scope.crossOriginIsolated) {
		reply({ type: 'progress-memory', memory: output.memory, pointer: progress.pointer() });
	}
	reply({ type: 'stage', stage: 'training', trainingItems: count, threads });
	const started = performance.now();
	const raw = new Fsrs().computeParameters(
		packed.ratings,
		packed.deltaTs,
		packed.lengths,
		progress,
		request.enableShortTerm
	);
	const milliseconds = performance.now() - started;
	reply({ type: 'stage', stage: 'evaluating', trainingItems: count, threads });
	const weights = normaliseWeights(raw);
	reply({
		type: 'optimised',
		weights,
		current: evaluate(histories, current),
		optimised: evaluate(histories, weights),
		trainingItems: count,
		milliseconds,
		threads
	});
}

async function evaluateAll(
	request: Extract<OptimiserRequest, { type: 'evaluate' }>
): Promise<void> {
	const histories = await historiesFor(getDb(), request.allDecks ? undefined : request.presetId);
	reply({ type: 'evaluated', evaluations: request.weights.map((w) => evaluate(histories, w)) });
}

scope.onmessage = (event) => {
	void handle(event.data);
};

async function handle(request: OptimiserRequest): Promise<void> {
	try {
		if (request.type === 'optimise') {
			await optimise(request);
		} else if (request.type === 'evaluate') {
			await evaluateAll(request);
		} else if (request.type === 'preview') {
			const { presetId, weights, now } = request;
			const preview = await previewReschedule(getDb(), presetId, weights, new Date(now));
			reply({ type: 'previewed', preview });
		} else {
			const { presetId, weights, now } = request;
			const moved = await rescheduleCards(getDb(), presetId, weights, new Date(now));
			reply({ type: 'rescheduled', moved });
		}
	} catch (error) {
		reply({ type: 'error', message: errorMessage(error) });
	}
}
