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

let running = false;

const job = new WorkerJob<BackupRequest, BackupResponse>({
	create: () => new BackupWorker(),
	onresult: () => {
		job.stop();
		running = false;
	},
	onfail: () => {
		running = false;
	},
	crashMessage: 'The daily snapshot could not be made.'
});

/** Takes the daily snapshot if one is due and none is being taken. */
export async function snapshotIfDue(now: Date): Promise<void> {
	if (running || !(await dailySnapshotDue(getDb().name, now))) {
		return;
	}
	running = true;
	job.send({ type: 'snapshot', now: now.getTime() });
}
