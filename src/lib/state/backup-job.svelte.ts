/**
 * Backups from the settings screen (and the one-tap button of the storage warning): makes the
 * file in the backup worker and hands it to the user; restores one in two steps, check then
 * Replace or Merge, with progress, cancel, a summary, and the restore points kept before.
 */
import { backupFileName, type BackupManifest } from '$lib/domain/backup/format';
import { announceAllChanged } from '$lib/storage/announce-changes';
import type { RestoreMode, RestoreSummary } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { PAGE_ID } from '$lib/storage/journal-notice';
import { listRestorePoints, type RestorePointInfo } from '$lib/storage/restore-points';
import { saveFile } from '$lib/components/save-file';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import BackupWorker from '$lib/workers/backup.worker?worker';
import { WorkerJob, type WorkerNotice } from './worker-job.svelte';

export type BackupPhase =
	| 'idle'
	| 'saving'
	| 'saved'
	| 'checking'
	| 'ready'
	| 'restoring'
	/** Cancel pressed during a restore: waiting for the worker to say whether it committed. */
	| 'cancelling'
	| 'restored'
	| 'cancelled'
	| 'error';

type BackupResult = Exclude<BackupResponse, WorkerNotice>;

export class BackupJob extends WorkerJob<BackupRequest, BackupResponse> {
	phase = $state<BackupPhase>('idle');
	fileName = $state('');
	savedBytes = $state(0);
	manifest = $state<BackupManifest | undefined>(undefined);
	summary = $state<RestoreSummary | undefined>(undefined);
	restorePoints = $state<RestorePointInfo[]>([]);
	/** What was cancelled, for the one-line note after a cancel. */
	cancelled = $state<'backup' | 'restore'>('backup');
	/** Cancel was pressed after the restore had committed: it finished, and the note says so. */
	cancelTooLate = $state(false);
	/** When the backup being made was started: its file is named after that day. */
	#startedAt = 0;

	get busy(): boolean {
		return ['saving', 'checking', 'restoring', 'cancelling'].includes(this.phase);
	}

	/** Makes a backup of the whole collection and downloads it. */
	download(): void {
		this.#startedAt = Date.now();
		this.#start('saving', 'Reading your collection');
		this.send({ type: 'backup', now: this.#startedAt });
	}

	/** Checks a chosen file; on success the user picks Replace or Merge. */
	choose(file: File): void {
		this.fileName = file.name;
		this.#start('checking', 'Checking the backup');
		this.send({ type: 'inspect', file });
	}

	restore(mode: RestoreMode): void {
		this.#start('restoring', 'Starting');
		this.send({ type: 'restore', mode, now: Date.now() });
	}

	/** Puts back a restore point (the newest without an id), itself undoable. */
	restorePoint(id?: string): void {
		this.#start('restoring', 'Putting your collection back');
		this.send({ type: 'restore-point', id, now: Date.now() });
	}

	/**
	 * Stops what is under way. A backup and a check only read: the worker is terminated. A
	 * restore is asked to stop, because only the worker knows whether its transaction has
	 * committed; its answer (`cancelled` or `restored`) decides what the screen says.
	 */
	cancel(): void {
		if (this.phase === 'restoring') {
			this.phase = 'cancelling';
			this.step = 'Stopping the restore';
			this.send({ type: 'cancel' });
			return;
		}
		if (this.phase === 'cancelling') {
			return;
		}
		const wasBusy = this.busy;
		this.cancelled = this.phase === 'saving' ? 'backup' : 'restore';
		this.stop();
		this.manifest = undefined;
		this.phase = wasBusy ? 'cancelled' : 'idle';
	}

	async refreshRestorePoints(): Promise<void> {
		this.restorePoints = await listRestorePoints(getDb().name);
	}

	#start(phase: BackupPhase, step: string): void {
		this.phase = phase;
		this.begin(step);
		this.summary = undefined;
		this.cancelTooLate = false;
	}

	protected createWorker(): Worker {
		// Named after this page: it ignores the journals its own worker opens (journal-notice.ts).
		return new BackupWorker({ name: PAGE_ID });
	}

	protected crashMessage(): string {
		return 'Something went wrong in the backup; nothing was changed.';
	}

	protected failed(): void {
		this.manifest = undefined;
		this.phase = 'error';
	}

	protected receive(message: BackupResult): void {
		switch (message.type) {
			case 'backup':
				this.stop();
				this.fileName = backupFileName(this.#startedAt);
				this.savedBytes = message.file.size;
				saveFile(message.file, this.fileName, 'application/zip');
				this.phase = 'saved';
				break;
			case 'inspected':
				this.manifest = message.manifest;
				this.phase = 'ready';
				break;
			case 'restored':
				this.stop();
				announceAllChanged(getDb());
				this.cancelTooLate = this.phase === 'cancelling';
				this.summary = message.summary;
				this.manifest = undefined;
				this.phase = 'restored';
				void this.refreshRestorePoints();
				break;
			case 'cancelled':
				this.stop();
				this.cancelled = 'restore';
				this.manifest = undefined;
				this.phase = 'cancelled';
				// A copy may have been kept before the restore was stopped.
				void this.refreshRestorePoints();
				break;
			case 'snapshot':
				break;
		}
	}
}

/** One job for the app: the storage warning's one-tap backup shows in the backup panel too. */
export const backupJob = new BackupJob();
