/**
 * The plumbing every job run in a Web Worker shares (import, export, backup): the worker started
 * on first use, its progress and error messages, a crash turned into one sentence, and cancel
 * by terminating the worker. Terminating aborts any IndexedDB transaction the worker has open,
 * so a cancelled write leaves nothing behind. The job classes keep their own phases and results.
 */

/** The messages every job worker may send besides its own results. */
export type WorkerNotice =
	{ type: 'progress'; phase: string; fraction: number } | { type: 'error'; message: string };

export interface WorkerJobOptions<Response> {
	/** Starts the worker (a Vite `?worker` constructor). */
	create: () => Worker;
	/** A result message (anything but progress and error). */
	onresult: (message: Response) => void;
	/** The job failed: `error` holds the sentence to show. */
	onfail: () => void;
	/** What to say when the worker itself crashes. */
	crashMessage: string;
}

export class WorkerJob<Request, Response extends { type: string }> {
	step = $state('');
	fraction = $state(0);
	error = $state('');
	#worker: Worker | undefined;
	#options: WorkerJobOptions<Exclude<Response, WorkerNotice>>;

	constructor(options: WorkerJobOptions<Exclude<Response, WorkerNotice>>) {
		this.#options = options;
	}

	/** Resets progress for a new step of work. */
	begin(step: string): void {
		this.step = step;
		this.fraction = 0;
		this.error = '';
	}

	send(request: Request, transfer: Transferable[] = []): void {
		this.#worker ??= this.#start();
		this.#worker.postMessage(request, transfer);
	}

	fail(message: string): void {
		this.stop();
		this.error = message;
		this.#options.onfail();
	}

	/** Stops the worker (cancel, or a finished job): whatever it was writing is rolled back. */
	stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}

	#start(): Worker {
		const worker = this.#options.create();
		worker.onmessage = (event: MessageEvent<Response | WorkerNotice>) => this.#receive(event.data);
		worker.onerror = () => this.fail(this.#options.crashMessage);
		return worker;
	}

	#receive(message: Response | WorkerNotice): void {
		if (message.type === 'progress') {
			const { phase, fraction } = message as WorkerNotice & { type: 'progress' };
			this.step = phase;
			this.fraction = fraction;
		} else if (message.type === 'error') {
			this.fail((message as WorkerNotice & { type: 'error' }).message);
		} else {
			this.#options.onresult(message as Exclude<Response, WorkerNotice>);
		}
	}
}
