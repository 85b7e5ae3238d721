/**
 * Runs one request in a fresh optimiser worker. The worker (and fsrs-browser's WASM) loads only
 * here, when the user asks for it. Cancelling terminates the worker; the next run starts anew.
 */
import type { OptimiserReply, OptimiserRequest } from '$lib/workers/optimiser-protocol';

export type FinalReply = Extract<
	OptimiserReply,
	{ type: 'optimised' | 'evaluated' | 'previewed' | 'rescheduled' | 'not-enough' | 'error' }
>;

export type UpdateReply = Extract<OptimiserReply, { type: 'stage' }>;

export interface Progress {
	processed: number;
	total: number;
}

export interface OptimiserJob {
	done: Promise<FinalReply | { type: 'cancelled' }>;
	cancel(): void;
}

export interface JobListeners {
	onStage?(reply: UpdateReply): void;
	onProgress?(progress: Progress): void;
}

/** Reads fsrs-rs's [processed, total] counter from the worker's shared memory. */
function readProgress(memory: WebAssembly.Memory, pointer: number): Progress {
	const [processed = 0, total = 0] = new Uint32Array(memory.buffer, pointer, 2);
	return { processed, total };
}

export function startJob(request: OptimiserRequest, listeners: JobListeners = {}): OptimiserJob {
	const worker = new Worker(new URL('../../workers/optimiser.worker.ts', import.meta.url), {
		type: 'module'
	});
	let poll: ReturnType<typeof setInterval> | undefined;
	let finish: (reply: FinalReply | { type: 'cancelled' }) => void = () => {};
	const done = new Promise<FinalReply | { type: 'cancelled' }>((resolve) => {
		finish = (reply) => {
			clearInterval(poll);
			worker.terminate();
			resolve(reply);
		};
	});
	worker.onmessage = (event: MessageEvent<OptimiserReply>) => {
		const reply = event.data;
		if (reply.type === 'stage') {
			listeners.onStage?.(reply);
		} else if (reply.type === 'progress-memory') {
			poll = setInterval(
				() => listeners.onProgress?.(readProgress(reply.memory, reply.pointer)),
				200
			);
		} else {
			finish(reply);
		}
	};
	worker.onerror = (event) => {
		finish({ type: 'error', message: event.message || 'The optimiser stopped unexpectedly.' });
	};
	worker.postMessage(request);
	return { done, cancel: () => finish({ type: 'cancelled' }) };
}
