/**
 * The card browser's side of the browse worker: one worker for the page's life, requests
 * matched to answers by number. A search reports progress until done and can be cancelled; bulk
 * edits and undos resolve once written.
 */
import type { BulkAction } from '$lib/storage/bulk-edit';
import type {
	BrowseRequest,
	BrowseResponse,
	BulkTarget,
	SearchRequest
} from '$lib/workers/browse-protocol';
import BrowseWorker from '$lib/workers/browse.worker?worker';

type Progress = Extract<BrowseResponse, { type: 'progress' }>;
type Handler = (message: BrowseResponse) => void;
/** Cards done of total; while `undoing`, pages put back of total. */
export type BulkProgress = (done: number, total: number, undoing: boolean) => void;

const WORKER_FAILED = 'The browser’s search stopped working: reload the page to try again.';

export class BrowseWorkerClient {
	#worker: Worker;
	#next = 1;
	#handlers = new Map<number, Handler>();
	#bulkId: number | undefined;

	constructor() {
		this.#worker = new BrowseWorker();
		this.#worker.onmessage = (event: MessageEvent<BrowseResponse>) =>
			this.#handlers.get(event.data.id)?.(event.data);
		this.#worker.onerror = () => {
			for (const [id, handler] of this.#handlers) {
				handler({ type: 'error', id, message: WORKER_FAILED });
			}
		};
	}

	#send(request: BrowseRequest, handler: Handler): void {
		if ('id' in request) {
			this.#handlers.set(request.id, handler);
		}
		this.#worker.postMessage(request);
	}

	/** Starts a search; the returned function cancels it (a newer search also does). */
	search(
		search: SearchRequest,
		onProgress: (progress: Progress) => void,
		onError: (message: string) => void
	): () => void {
		const id = this.#next++;
		this.#send({ type: 'search', id, search }, (message) => {
			if (message.type === 'progress') {
				onProgress(message);
			}
			if (message.type === 'error' || (message.type === 'progress' && message.done)) {
				this.#handlers.delete(id);
			}
			if (message.type === 'error') {
				onError(message.message);
			}
		});
		return () => {
			if (this.#handlers.delete(id)) {
				this.#worker.postMessage({ type: 'cancel', id } satisfies BrowseRequest);
			}
		};
	}

	/** Runs a bulk edit; `cancelBulk` stops it and puts back what it did. */
	bulk(
		target: BulkTarget,
		action: BulkAction,
		value: string,
		now: Date,
		onProgress: BulkProgress
	): Promise<{ message: string; changeId: string }> {
		return new Promise((resolve, reject) => {
			const id = this.#next++;
			this.#bulkId = id;
			const request: BrowseRequest = {
				type: 'bulk',
				id,
				target,
				action,
				value,
				now: now.getTime()
			};
			this.#send(request, (message) => {
				if (message.type === 'bulk-progress') {
					onProgress(message.done, message.total, message.undoing);
				} else if (message.type === 'bulk-done') {
					this.#handlers.delete(id);
					resolve({ message: message.message, changeId: message.changeId });
				} else if (message.type === 'error') {
					this.#handlers.delete(id);
					reject(new Error(message.message));
				}
			});
		});
	}

	/** Stops the bulk edit (which puts back what it did) or the undo (the rest stays undoable). */
	cancelBulk(): void {
		if (this.#bulkId !== undefined && this.#handlers.has(this.#bulkId)) {
			this.#worker.postMessage({ type: 'cancel', id: this.#bulkId } satisfies BrowseRequest);
		}
	}

	undo(changeId: string, now: Date, onProgress: BulkProgress): Promise<void> {
		return new Promise((resolve, reject) => {
			const id = this.#next++;
			this.#bulkId = id;
			this.#send({ type: 'undo', id, changeId, now: now.getTime() }, (message) => {
				if (message.type === 'bulk-progress') {
					onProgress(message.done, message.total, message.undoing);
					return;
				}
				this.#handlers.delete(id);
				if (message.type === 'error') {
					reject(new Error(message.message));
				} else {
					resolve();
				}
			});
		});
	}

	close(): void {
		this.#worker.terminate();
		this.#handlers.clear();
	}
}
