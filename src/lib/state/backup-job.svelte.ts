/**
 * Backups from the settings screen (and the one-tap button of the storage warning): makes the
 * file in the backup worker and hands it to the user; restores one in two steps, check then
 * Replace or Merge, with progress, a summary, and an undo from the snapshot taken before.
 */
import { backupFileName, type BackupManifest } from '$lib/domain/backup/format';
import { announceAllChanged } from '$lib/storage/announce-changes';
import type { RestoreMode, RestoreSummary } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { lastRestorePoint, type RestorePointInfo } from '$lib/storage/restore-points';
import { saveFile } from '$lib/components/save-file';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import BackupWorker from '$lib/workers/backup.worker?worker';

export type BackupPhase =
	'idle' | 'saving' | 'saved' | 'checking' | 'ready' | 'restoring' | 'restored' | 'error';

export class BackupJob {
	phase = $state<BackupPhase>('idle');
	step = $state('');
	fraction = $state(0);
	fileName = $state('');
	savedBytes = $state(0);
	manifest = $state<BackupManifest | undefined>(undefined);
	summary = $state<RestoreSummary | undefined>(undefined);
	restorePoint = $state<RestorePointInfo | undefined>(undefined);
	error = $state('');
	#worker: Worker | undefined;
	/** When the backup being made was started: its file is named after that day. */
	#startedAt = 0;

	get busy(): boolean {
		return ['saving', 'checking', 'restoring'].includes(this.phase);
	}

	/** Makes a backup of the whole collection and downloads it. */
	download(): void {
		this.#startedAt = Date.now();
		this.#start('saving', 'Reading your collection');
		this.#send({ type: 'backup', now: this.#startedAt });
	}

	/** Checks a chosen file; on success the user picks Replace or Merge. */
	async choose(file: File): Promise<void> {
		this.fileName = file.name;
		this.#start('checking', 'Checking the backup');
		const bytes = await file.arrayBuffer();
		this.#send({ type: 'inspect', bytes }, [bytes]);
	}

	restore(mode: RestoreMode): void {
		this.#start('restoring', 'Starting');
		this.#send({ type: 'restore', mode, now: Date.now() });
	}

	/** Puts back the collection as it was before the last restore. */
	undo(): void {
		this.#start('restoring', 'Putting your collection back');
		this.#send({ type: 'undo' });
	}

	cancel(): void {
		this.#stop();
		this.phase = 'idle';
		this.manifest = undefined;
	}

	async refreshRestorePoint(): Promise<void> {
		this.restorePoint = await lastRestorePoint(getDb().name);
	}

	#start(phase: BackupPhase, step: string): void {
		this.phase = phase;
		this.step = step;
		this.fraction = 0;
		this.error = '';
		this.summary = undefined;
	}

	#send(request: BackupRequest, transfer: Transferable[] = []): void {
		this.#worker ??= this.#startWorker();
		this.#worker.postMessage(request, transfer);
	}

	#startWorker(): Worker {
		const worker = new BackupWorker();
		worker.onmessage = (event: MessageEvent<BackupResponse>) => this.#receive(event.data);
		worker.onerror = () => this.#fail('Something went wrong in the backup; nothing was changed.');
		return worker;
	}

	#receive(message: BackupResponse): void {
		switch (message.type) {
			case 'progress':
				this.step = message.phase;
				this.fraction = message.fraction;
				break;
			case 'backup':
				this.fileName = backupFileName(this.#startedAt);
				this.savedBytes = message.bytes.byteLength;
				saveFile(message.bytes, this.fileName, 'application/zip');
				this.phase = 'saved';
				break;
			case 'inspected':
				this.manifest = message.manifest;
				this.phase = 'ready';
				break;
			case 'restored':
				announceAllChanged(getDb());
				this.summary = message.summary;
				this.manifest = undefined;
				this.phase = 'restored';
				void this.refreshRestorePoint();
				break;
			case 'error':
				this.#fail(message.message);
				break;
		}
	}

	#fail(message: string): void {
		this.#stop();
		this.error = message;
		this.manifest = undefined;
		this.phase = 'error';
	}

	#stop(): void {
		this.#worker?.terminate();
		this.#worker = undefined;
	}
}

/** One job for the app: the storage warning's one-tap backup shows in the backup panel too. */
export const backupJob = new BackupJob();
