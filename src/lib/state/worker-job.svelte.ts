/**
 * The plumbing every job run in a Web Worker shares (import, export, backup): the worker started
 * on first use, its progress and error messages, a crash turned into one sentence, and cancel
 * by terminating the worker. Terminating aborts the IndexedDB transaction the worker has open;
 * a large write (restore, import) is made of many, and its journal is rolled back by the job
 * that stopped it, or at the next open (storage/write-journal.ts). Each job class extends this with its own phases
 * and results.
 */

/** The messages every job worker may send besides its own results. */
export type WorkerNotice =
	{ type: 'progress'; phase: string; fraction: number } | { type: 'error'; message: string };

export abstract class WorkerJob<Request, Response extends { type: string }> {
	step = $state('');
	fraction = $state(0);
	error = $state('');
	#worker: Worker | undefined;

	/** Starts the worker (a Vite `?worker` constructor). */
	protected abstract createWorker(): Worker;
	/** A result message (anything but progress and error). */
	protected abstract receive(message: Exclude<Response, WorkerNotice>): void;
	/** The job failed: `error` holds the sentence to show. */
	protected abstract failed(): void;
	/** What to say when the worker itself crashes. */
	protected abstract crashMessage(): string;

	/** Resets progress for a new step of work. */
	protected begin(step: string): void {
		this.step = step;
		this.fraction = 0;
		this.error = '';
	}

	protected send(request: Request, transfer: Transferable[] = []): void {
		this.#worker ??= this.#start();
		this.#worker.postMessage(request, transfer);
	}

	protected fail(message: string): void {
		this.stop();
		this.error = message;
		this.failed();
	}

	/** Stops the worker (cancel, or a finished job); a journaled write it left open stays open. */
	protected stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#start(): Worker {
		const worker = this.createWorker();
		worker.onmessage = (event: MessageEvent<Response | WorkerNotice>) => this.#dispatch(event.data);
		worker.onerror = () => this.fail(this.crashMessage());
		return worker;
	}

	#dispatch(message: Response | WorkerNotice): void {
		if (message.type === 'progress') {
			const { phase, fraction } = message as WorkerNotice & { type: 'progress' };
			this.step = phase;
			this.fraction = fraction;
		} else if (message.type === 'error') {
			this.fail((message as WorkerNotice & { type: 'error' }).message);
		} else {
			this.receive(message as Exclude<Response, WorkerNotice>);
		}
	}
}
