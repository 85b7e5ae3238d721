/**
 * What the backup worker does, apart from the worker's own plumbing (so tests can drive it in
 * process): backups, checking a chosen file, restores, restore points and the daily snapshot.
 *
 * A restore is cancelled by asking, not by terminating the worker: only the worker knows
 * whether its transaction has committed. A cancel that arrives before the commit aborts the
 * transaction (the next page check throws) and is answered with `cancelled`; one that arrives
 * after is too late and the answer is `restored`, so the screen never says "cancelled" about a
 * restore that happened.
 */
import { BackupError } from '$lib/domain/backup/format';
import type { BackupReader } from '$lib/domain/backup/read';
import {
	applyBackup,
	createBackupBlob,
	verifyBackup,
	type RestoreMode,
	type RestoreSummary
} from '$lib/storage/backup';
import type { EngramDB } from '$lib/storage/db';
import { describeWriteError } from '$lib/storage/errors';
import { pruneTombstones } from '$lib/storage/tombstones';
import { replaceCollection } from '$lib/storage/replace-restore';
import {
	dailySnapshotDue,
	keepRestorePoint,
	restorePointFile,
	type RestorePointKind
} from '$lib/storage/restore-points';
import type { BackupRequest, BackupResponse } from './backup-protocol';
import { zipOf } from './file-source';

/** A restore under way: its cancel, and whether it has reached its write transaction. */
interface Restoring {
	cancel: AbortController;
	writing: boolean;
	answered: boolean;
}

export interface BackupService {
	handle(request: BackupRequest): Promise<void>;
}

export function backupService(
	getDb: () => EngramDB,
	post: (message: BackupResponse) => void
): BackupService {
	let verified: BackupReader | undefined;
	/** The restore under way, if any: aborted by a cancel request. */
	let restoring: Restoring | undefined;

	const progress = (phase: string, from: number, to: number) => (fraction: number) =>
		post({ type: 'progress', phase, fraction: from + (to - from) * fraction });

	async function backup(now: Date): Promise<void> {
		const { blob } = await createBackupBlob(getDb(), now, {
			onProgress: progress('Packing your collection', 0, 1)
		});
		post({ type: 'backup', file: blob });
	}

	async function inspect(file: Blob): Promise<void> {
		verified = undefined;
		post({ type: 'progress', phase: 'Checking the backup', fraction: 0 });
		// Read a slice at a time, here and in the restore: the file is never held whole.
		verified = await verifyBackup(getDb(), await zipOf(file));
		post({ type: 'inspected', manifest: verified.manifest });
	}

	/** Keeps the collection as it is now as a restore point (never dropping the point `keep`). */
	async function keepCopy(
		kind: RestorePointKind,
		now: Date,
		to: number,
		signal?: AbortSignal,
		keep?: string
	): Promise<void> {
		const onProgress = progress('Keeping a copy of your current collection', 0, to);
		await keepRestorePoint(getDb(), kind, now, { onProgress, signal, keep });
	}

	function answerCancelled(run: Restoring): void {
		if (!run.answered) {
			run.answered = true;
			post({ type: 'cancelled' });
		}
	}

	/**
	 * Before the write transaction nothing can change the collection: a cancel is answered at
	 * once (the copy being made may be waiting for another tab's transaction). Once writing, the
	 * transaction decides: aborted at its next page, or already committed.
	 */
	function cancelRestore(): void {
		if (!restoring) {
			return;
		}
		restoring.cancel.abort();
		if (!restoring.writing) {
			answerCancelled(restoring);
		}
	}

	/**
	 * Snapshot first, so a mistaken restore can be undone, then the restore as one journaled
	 * write. A replace keeps its snapshot inside the journal, which rolls back from it
	 * (storage/replace-restore.ts); a merge keeps it before and rolls back from undo rows. `from`
	 * is the restore point being put back, if it is one: the snapshot must not drop it.
	 */
	async function restoreFrom(
		backup: BackupReader,
		mode: RestoreMode,
		now: Date,
		from?: string
	): Promise<void> {
		const run: Restoring = { cancel: new AbortController(), writing: false, answered: false };
		const { signal } = run.cancel;
		restoring = run;
		const writing = () => {
			run.writing = true;
			post({ type: 'progress', phase: 'Restoring', fraction: 0.5 });
		};
		const options = { signal, now, onProgress: progress('Restoring', 0.5, 1) };
		try {
			let summary: RestoreSummary;
			if (mode === 'replace') {
				summary = await replaceCollection(getDb(), backup, {
					...options,
					keep: from,
					onCopyProgress: progress('Keeping a copy of your current collection', 0, 0.5),
					onCopied: writing
				});
			} else {
				await keepCopy('before-restore', now, 0.5, signal, from);
				signal.throwIfAborted();
				writing();
				summary = await applyBackup(getDb(), backup, mode, options);
			}
			// Committed: from here on a cancel is too late, and the answer says so.
			post({ type: 'restored', summary });
		} catch (error) {
			if (!signal.aborted) {
				throw error;
			}
			// Whatever stopped it, nothing was committed: the collection is as it was.
			answerCancelled(run);
		} finally {
			restoring = undefined;
		}
	}

	async function restore(mode: RestoreMode, now: Date): Promise<void> {
		if (!verified) {
			throw new BackupError('Choose a backup file first.');
		}
		const backup = verified;
		verified = undefined;
		await restoreFrom(backup, mode, now);
	}

	async function restorePoint(id: string | undefined, now: Date): Promise<void> {
		const db = getDb();
		// Read from its Blob a slice at a time, as a chosen file is; the copy kept before the
		// restore leaves this point in place while the restore still reads it.
		const point = await restorePointFile(db.name, id);
		if (!point) {
			throw new BackupError('There is no earlier collection kept on this device.');
		}
		post({ type: 'progress', phase: 'Checking the kept copy', fraction: 0 });
		await restoreFrom(await verifyBackup(db, await zipOf(point.file)), 'replace', now, point.id);
	}

	/** The daily snapshot, then old tombstones pruned (the snapshot just kept still has them). */
	async function snapshot(now: Date): Promise<void> {
		const due = await dailySnapshotDue(getDb().name, now);
		if (due) {
			await keepCopy('daily', now, 1);
			await pruneTombstones(getDb(), now);
		}
		post({ type: 'snapshot', taken: due });
	}

	function run(request: BackupRequest): Promise<void> {
		switch (request.type) {
			case 'backup':
				return backup(new Date(request.now));
			case 'inspect':
				return inspect(request.file);
			case 'restore':
				return restore(request.mode, new Date(request.now));
			case 'restore-point':
				return restorePoint(request.id, new Date(request.now));
			case 'snapshot':
				return snapshot(new Date(request.now));
			case 'cancel':
				cancelRestore();
				return Promise.resolve();
		}
	}

	return {
		handle: (request) =>
			run(request).catch((error: unknown) => {
				if (!(error instanceof BackupError)) {
					console.error(error);
				}
				post({
					type: 'error',
					message: error instanceof BackupError ? error.message : describeWriteError(error)
				});
			})
	};
}
