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
import { WorkerJob } from './worker-job.svelte';

export type ImportPhase = 'idle' | 'mapping' | 'running' | 'done' | 'error' | 'cancelled';

const TEXT_FILE = /\.(csv|tsv|txt)$/i;

export class ImportJob {
	phase = $state<ImportPhase>('idle');
	fileName = $state('');
	preview = $state<TextPreview | undefined>(undefined);
	summary = $state<ImportSummary | undefined>(undefined);
	readonly #job = new WorkerJob<ImportRequest, ImportResponse>({
		create: () => new ImportWorker(),
		onresult: (message) => this.#receive(message),
		onfail: () => (this.phase = 'error'),
		crashMessage: MESSAGES.internal
	});
	#bytes: ArrayBuffer | undefined;

	get step(): string {
		return this.#job.step;
	}

	get fraction(): number {
		return this.#job.fraction;
	}

	get error(): string {
		return this.#job.error;
	}

	async choose(file: File): Promise<void> {
		this.reset();
		this.fileName = file.name;
		if (file.size === 0 || file.size > MAX_IMPORT_BYTES) {
			this.#job.fail(file.size === 0 ? MESSAGES.empty : MESSAGES.tooLarge);
			return;
		}
		this.#bytes = await file.arrayBuffer();
		if (TEXT_FILE.test(file.name)) {
			this.phase = 'running';
			this.#job.begin('Reading the columns');
			this.#job.send({ type: 'preview', name: file.name, bytes: this.#bytes.slice(0) });
		} else {
			this.start();
		}
	}

	/** Runs the import (with the column mapping, for CSV/TSV). */
	start(mapping?: TextMapping): void {
		if (!this.#bytes) {
			return;
		}
		this.phase = 'running';
		this.#job.begin('Starting');
		const request: ImportRequest = {
			type: 'import',
			name: this.fileName,
			bytes: this.#bytes.slice(0),
			now: Date.now()
		};
		if (mapping) {
			request.mapping = $state.snapshot(mapping);
		}
		this.#job.send(request);
	}

	cancel(): void {
		this.#job.stop();
		this.phase = 'cancelled';
	}

	reset(): void {
		this.#job.stop();
		this.#job.begin('');
		this.phase = 'idle';
		this.preview = undefined;
		this.summary = undefined;
		this.#bytes = undefined;
	}

	#receive(message: Exclude<ImportResponse, { type: 'progress' | 'error' }>): void {
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
				this.#job.stop();
				break;
		}
	}
}
