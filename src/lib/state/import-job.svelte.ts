/**
 * One import from the import screen: reads the file, asks the worker for a CSV preview when a
 * column mapping is needed, runs the import in the worker with progress, and can cancel it.
 */
import { MAX_IMPORT_BYTES, MESSAGES } from '$lib/domain/import/errors';
import type { TextMapping, TextPreview } from '$lib/domain/import/text-records';
import { announceAllChanged } from '$lib/storage/announce-changes';
import { getDb } from '$lib/storage/db';
import type { ImportSummary } from '$lib/storage/import-commit';
import type { ImportRequest, ImportResponse } from '$lib/workers/import-protocol';
import ImportWorker from '$lib/workers/import.worker?worker';

export type ImportPhase = 'idle' | 'mapping' | 'running' | 'done' | 'error' | 'cancelled';

const TEXT_FILE = /\.(csv|tsv|txt)$/i;

export class ImportJob {
	phase = $state<ImportPhase>('idle');
	fileName = $state('');
	step = $state('');
	fraction = $state(0);
	preview = $state<TextPreview | undefined>(undefined);
	summary = $state<ImportSummary | undefined>(undefined);
	error = $state('');
	#worker: Worker | undefined;
	#bytes: ArrayBuffer | undefined;

	async choose(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		if (file.size === 0 || file.size > MAX_IMPORT_BYTES) {
			this.#fail(file.size === 0 ? MESSAGES.empty : MESSAGES.tooLarge);
			return;
		}
		this.#bytes = await file.arrayBuffer();
		if (TEXT_FILE.test(file.name)) {
			this.phase = 'running';
			this.step = 'Reading the columns';
			this.#send({ type: 'preview', name: file.name, bytes: this.#bytes.slice(0) });
		} else {
			this.start();
		}
	}

	/** Runs the import (with the column mapping, for CSV/TSV). */
	start(mapping?: TextMapping): void {
		const bytes = this.#bytes;
		if (!bytes) {
			return;
		}
		// Handed over, not copied: on the main thread a copy of a 100 MB file is a long task.
		this.#bytes = undefined;
		this.phase = 'running';
		this.step = 'Starting';
		this.fraction = 0;
		const request: ImportRequest = { type: 'import', name: this.fileName, bytes, now: Date.now() };
		if (mapping) {
			request.mapping = $state.snapshot(mapping);
		}
		this.#send(request, [bytes]);
	}

	cancel(): void {
		this.#stop();
		this.phase = 'cancelled';
	}

	reset(): void {
		this.#stop();
		this.phase = 'idle';
		this.preview = undefined;
		this.summary = undefined;
		this.error = '';
		this.fraction = 0;
		this.#bytes = undefined;
	}

	#send(request: ImportRequest, transfer: Transferable[] = []): void {
		this.#worker ??= this.#startWorker();
		this.#worker.postMessage(request, transfer);
	}

	#startWorker(): Worker {
		const worker = new ImportWorker();
		worker.onmessage = (event: MessageEvent<ImportResponse>) => this.#receive(event.data);
		worker.onerror = () => this.#fail(MESSAGES.internal);
		return worker;
	}

	#receive(message: ImportResponse): void {
		switch (message.type) {
			case 'progress':
				this.step = message.phase;
				this.fraction = message.fraction;
				break;
			case 'preview':
				this.preview = message.preview;
				if (message.preview.annotated) {
					this.start();
				} else {
					this.phase = 'mapping';
				}
				break;
			case 'done':
				announceAllChanged(getDb());
				this.summary = message.summary;
				this.phase = 'done';
				this.#stop();
				break;
			case 'error':
				this.#fail(message.message);
				break;
		}
	}

	#fail(message: string): void {
		this.#stop();
		this.error = message;
		this.phase = 'error';
	}

	#stop(): void {
		// Terminating mid-write aborts the worker's transaction: nothing partial is kept.
		this.#worker?.terminate();
		this.#worker = undefined;
	}
}
