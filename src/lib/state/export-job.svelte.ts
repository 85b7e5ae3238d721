/**
 * One deck export from the export screen: runs in a worker with progress, and hands the finished
 * file to `onfile` (the screen saves it). Exports only read, so cancel simply stops the worker.
 */
import type { ExportedFile, ExportFormat } from '$lib/domain/export/export-deck';
import type { ExportRequest, ExportResponse } from '$lib/workers/export-protocol';
import ExportWorker from '$lib/workers/export.worker?worker';

export type ExportPhase = 'idle' | 'running' | 'done' | 'error';

export class ExportJob {
	phase = $state<ExportPhase>('idle');
	step = $state('');
	fraction = $state(0);
	fileName = $state('');
	error = $state('');
	#worker: Worker | undefined;
	#onfile: (file: ExportedFile) => void;

	constructor(onfile: (file: ExportedFile) => void) {
		this.#onfile = onfile;
	}

	start(deckId: string, format: ExportFormat): void {
		this.#stop();
		this.phase = 'running';
		this.step = 'Starting';
		this.fraction = 0;
		this.error = '';
		const worker = new ExportWorker();
		worker.onmessage = (event: MessageEvent<ExportResponse>) => this.#receive(event.data);
		worker.onerror = () => this.#fail('The export failed: the file could not be made.');
		const request: ExportRequest = { deckId, format, now: Date.now() };
		worker.postMessage(request);
		this.#worker = worker;
	}

	cancel(): void {
		this.#stop();
		this.phase = 'idle';
	}

	#receive(message: ExportResponse): void {
		switch (message.type) {
			case 'progress':
				this.step = message.phase;
				this.fraction = message.fraction;
				break;
			case 'done':
				this.#stop();
				this.fileName = message.file.fileName;
				this.fraction = 1;
				this.phase = 'done';
				this.#onfile(message.file);
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
		this.#worker?.terminate();
		this.#worker = undefined;
	}
}
