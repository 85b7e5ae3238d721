/**
 * One deck export from the export screen: runs in a worker with progress, and hands the finished
 * file to `onfile` (the screen saves it). Exports only read, so cancel simply stops the worker.
 */
import type { ExportedBlob, ExportFormat } from '$lib/domain/export/export-deck';
import type { ExportRequest, ExportResponse } from '$lib/workers/export-protocol';
import ExportWorker from '$lib/workers/export.worker?worker';
import { WorkerJob } from './worker-job.svelte';

export type ExportPhase = 'idle' | 'running' | 'done' | 'error';

export class ExportJob extends WorkerJob<ExportRequest, ExportResponse> {
	phase = $state<ExportPhase>('idle');
	fileName = $state('');
	/** What the saved file could not carry (a media file too large for a deck file, say). */
	warnings = $state<string[]>([]);
	#onfile: (file: ExportedBlob) => void;

	constructor(onfile: (file: ExportedBlob) => void) {
		super();
		this.#onfile = onfile;
	}

	start(deckId: string, format: ExportFormat): void {
		// One worker per export: a new one never sees the state a cancelled one left.
		this.stop();
		this.phase = 'running';
		this.warnings = [];
		this.begin('Starting');
		this.send({ deckId, format, now: Date.now() });
	}

	cancel(): void {
		this.stop();
		this.phase = 'idle';
	}

	protected createWorker(): Worker {
		return new ExportWorker();
	}

	protected crashMessage(): string {
		return 'The export failed: the file could not be made.';
	}

	protected failed(): void {
		this.phase = 'error';
	}

	protected receive({ file }: { file: ExportedBlob }): void {
		this.stop();
		this.fileName = file.fileName;
		this.warnings = file.warnings;
		this.fraction = 1;
		this.phase = 'done';
		this.#onfile(file);
	}
}
