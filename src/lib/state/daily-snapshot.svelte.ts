/**
 * The automatic local snapshot: at most once a day a full backup is kept as a restore point, made
 * in the backup worker. When it is taken (app start, after many answers, leaving the app; never
 * during a study session) is decided by `SnapshotPlanner`. Cut short (the page closed), nothing
 * is kept and it is tried again next time.
 */
import { getDb } from '$lib/storage/db';
import { onTablesChanged } from '$lib/storage/observe';
import { dailySnapshotDue } from '$lib/storage/restore-points';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import BackupWorker from '$lib/workers/backup.worker?worker';
import { SnapshotPlanner, systemClock } from './snapshot-planner';
import { whenIdle } from './when-idle';
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

/**
 * Starts planning snapshots for this page: `studying` says whether a study session is on screen.
 * Review writes are counted from Dexie's change events (this tab's and other tabs').
 */
export function planSnapshots(studying: () => boolean): SnapshotPlanner {
	const planner = new SnapshotPlanner({
		takeIfDue: (now) => snapshot.takeIfDue(now),
		whenIdle,
		studying,
		now: systemClock
	});
	onTablesChanged(getDb(), ['reviews'], () => planner.answered());
	planner.started();
	return planner;
}
