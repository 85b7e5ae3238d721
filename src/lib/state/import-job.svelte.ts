/**
 * One import from the import screen: reads the file, asks the worker for a CSV preview when a
 * column mapping is needed, runs the import in the worker with progress, and can cancel it.
 */
import { MAX_IMPORT_BYTES, MESSAGES } from '$lib/domain/import/errors';
import type { TextMapping, TextPreview } from '$lib/domain/import/text-records';
import { announceAllChanged } from '$lib/storage/announce-changes';
import { getDb } from '$lib/storage/db';
import { PAGE_ID } from '$lib/storage/journal-notice';
import { describeWriteError } from '$lib/storage/errors';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import type { ImportSummary } from '$lib/storage/import-commit';
import type { ImportRequest, ImportResponse } from '$lib/workers/import-protocol';
import ImportWorker from '$lib/workers/import.worker?worker';
import { WorkerJob, type WorkerNotice } from './worker-job.svelte';

export type ImportPhase = 'idle' | 'mapping' | 'running' | 'done' | 'error' | 'cancelled';

const TEXT_FILE = /\.(csv|tsv|txt)$/i;

export class ImportJob extends WorkerJob<ImportRequest, ImportResponse> {
	phase = $state<ImportPhase>('idle');
	fileName = $state('');
	preview = $state<TextPreview | undefined>(undefined);
	summary = $state<ImportSummary | undefined>(undefined);
	#bytes: ArrayBuffer | undefined;

	async choose(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		if (file.size === 0 || file.size > MAX_IMPORT_BYTES) {
			this.fail(file.size === 0 ? MESSAGES.empty : MESSAGES.tooLarge);
			return;
		}
		this.#bytes = await file.arrayBuffer();
		if (TEXT_FILE.test(file.name)) {
			this.phase = 'running';
			this.begin('Reading the columns');
			this.send({ type: 'preview', name: file.name, bytes: this.#bytes.slice(0) });
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
		this.begin('Starting');
		const request: ImportRequest = { type: 'import', name: this.fileName, bytes, now: Date.now() };
		if (mapping) {
			request.mapping = $state.snapshot(mapping);
		}
		this.send(request, [bytes]);
	}

	/**
	 * Stops the worker, then rolls back what it had written (its journal, see write-journal.ts)
	 * before saying the import was cancelled.
	 */
	async cancel(): Promise<void> {
		this.stop();
		this.begin('Cancelling: putting your collection back');
		try {
			await this.#rollBack();
			this.phase = 'cancelled';
		} catch (error) {
			this.fail(describeWriteError(error));
		}
	}

	reset(): void {
		this.stop();
		this.begin('');
		this.phase = 'idle';
		this.preview = undefined;
		this.summary = undefined;
		this.#bytes = undefined;
	}

	protected createWorker(): Worker {
		// Named after this page: it ignores the journals its own worker opens (journal-notice.ts).
		return new ImportWorker({ name: PAGE_ID });
	}

	protected crashMessage(): string {
		return MESSAGES.internal;
	}

	protected failed(): void {
		this.phase = 'error';
		// A worker that crashed mid-write left its journal open (one that failed rolled it back).
		void this.#rollBack().catch((error: unknown) => console.error(error));
	}

	async #rollBack(): Promise<void> {
		if (await rollBackInterruptedWrites(getDb())) {
			announceAllChanged(getDb());
		}
	}

	protected receive(message: Exclude<ImportResponse, WorkerNotice>): void {
		switch (message.type) {
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
				this.stop();
				break;
		}
	}
}
