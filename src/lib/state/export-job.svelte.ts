/**
 * One deck export from the export screen: runs in a worker with progress, and hands the finished
 * file to `onfile` (the screen saves it). Exports only read, so cancel simply stops the worker.
 */
import type { ExportedFile, ExportFormat } from '$lib/domain/export/export-deck';
import type { ExportRequest, ExportResponse } from '$lib/workers/export-protocol';
import ExportWorker from '$lib/workers/export.worker?worker';
import { WorkerJob } from './worker-job.svelte';

export type ExportPhase = 'idle' | 'running' | 'done' | 'error';

export class ExportJob {
	phase = $state<ExportPhase>('idle');
	fileName = $state('');
	readonly #job = new WorkerJob<ExportRequest, ExportResponse>({
		create: () => new ExportWorker(),
		onresult: (message) => this.#done(message.file),
		onfail: () => (this.phase = 'error'),
		crashMessage: 'The export failed: the file could not be made.'
	});
	#onfile: (file: ExportedFile) => void;

	constructor(onfile: (file: ExportedFile) => void) {
		this.#onfile = onfile;
	}

	get step(): string {
		return this.#job.step;
	}

	get fraction(): number {
		return this.#job.fraction;
	}

	get error(): string {
		return this.#job.error;
	}

	start(deckId: string, format: ExportFormat): void {
		// One worker per export: a new one never sees the state a cancelled one left.
		this.#job.stop();
		this.phase = 'running';
		this.#job.begin('Starting');
		this.#job.send({ deckId, format, now: Date.now() });
	}

	cancel(): void {
		this.#job.stop();
		this.phase = 'idle';
	}

	#done(file: ExportedFile): void {
		this.#job.stop();
		this.fileName = file.fileName;
		this.#job.fraction = 1;
		this.phase = 'done';
		this.#onfile(file);
	}
}
