/**
 * The automatic local snapshot: at most once a day, when the user leaves the app (the page is
 * hidden), a full backup is kept as a restore point in the backup worker. Leaving is when it
 * costs nothing: no study or screen is waiting. Cut short (the page closed), nothing is kept.
 */
import { getDb } from '$lib/storage/db';
import { dailySnapshotDue } from '$lib/storage/restore-points';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import BackupWorker from '$lib/workers/backup.worker?worker';
import { WorkerJob } from './worker-job.svelte';

class DailySnapshot extends WorkerJob<BackupRequest, BackupResponse> {
	#running = false;

	/** Takes the daily snapshot if one is due and none is being taken. */
	async takeIfDue(now: Date): Promise<void> {
		if (this.#running || !(await dailySnapshotDue(getDb().name, now))) {
			return;
		}
		this.#running = true;
		this.send({ type: 'snapshot', now: now.getTime() });
	}

	protected createWorker(): Worker {
		return new BackupWorker();
	}

	protected crashMessage(): string {
		return 'The daily snapshot could not be made.';
	}

	protected receive(): void {
		this.stop();
		this.#running = false;
	}

	protected failed(): void {
		this.#running = false;
	}
}

const snapshot = new DailySnapshot();

export function snapshotIfDue(now: Date): Promise<void> {
	return snapshot.takeIfDue(now);
}
