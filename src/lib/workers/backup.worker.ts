/**
 * Makes and restores full backups off the main thread: reading, checksumming, zipping and
 * writing 100,000 cards would otherwise freeze the page. The file being restored is verified
 * once (`inspect`) and kept here, still zipped, until the user picks Replace or Merge.
 * Cancel terminates this worker: a backup only reads, and a restore's single transaction is
 * aborted, so either way nothing changes.
 */
import './quiet-dexie';
import { BackupError } from '$lib/domain/backup/format';
import type { BackupReader } from '$lib/domain/backup/read';
import { applyBackup, createBackupBlob, verifyBackup, type RestoreMode } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { describeWriteError } from '$lib/storage/errors';
import {
	dailySnapshotDue,
	keepRestorePoint,
	restorePointBytes,
	type RestorePointKind
} from '$lib/storage/restore-points';
import type { BackupRequest, BackupResponse } from './backup-protocol';

let verified: BackupReader | undefined;

function post(message: BackupResponse): void {
	postMessage(message);
}

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
	verified = await verifyBackup(getDb(), new Uint8Array(await file.arrayBuffer()));
	post({ type: 'inspected', manifest: verified.manifest });
}

/** Keeps the collection as it is now as a restore point. */
async function keepCopy(kind: RestorePointKind, now: Date, to: number): Promise<void> {
	const onProgress = progress('Keeping a copy of your current collection', 0, to);
	await keepRestorePoint(getDb(), kind, now, onProgress);
}

/** Snapshot first, so a mistaken restore can be undone, then the restore in one transaction. */
async function restoreFrom(backup: BackupReader, mode: RestoreMode, now: Date): Promise<void> {
	await keepCopy('before-restore', now, 0.5);
	post({ type: 'progress', phase: 'Restoring', fraction: 0.6 });
	const summary = await applyBackup(getDb(), backup, mode);
	post({ type: 'restored', summary });
}

async function restore(mode: RestoreMode, now: Date): Promise<void> {
	if (!verified) {
		throw new BackupError('Choose a backup file first.');
	}
	await restoreFrom(verified, mode, now);
	verified = undefined;
}

async function restorePoint(id: string | undefined, now: Date): Promise<void> {
	const db = getDb();
	const bytes = await restorePointBytes(db.name, id);
	if (!bytes) {
		throw new BackupError('There is no earlier collection kept on this device.');
	}
	post({ type: 'progress', phase: 'Checking the kept copy', fraction: 0 });
	await restoreFrom(await verifyBackup(db, bytes), 'replace', now);
}

async function snapshot(now: Date): Promise<void> {
	const due = await dailySnapshotDue(getDb().name, now);
	if (due) {
		await keepCopy('daily', now, 1);
	}
	post({ type: 'snapshot', taken: due });
}

function handle(request: BackupRequest): Promise<void> {
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
	}
}

onmessage = (event: MessageEvent<BackupRequest>) => {
	handle(event.data).catch((error: unknown) => {
		if (!(error instanceof BackupError)) {
			console.error(error);
		}
		post({
			type: 'error',
			message: error instanceof BackupError ? error.message : describeWriteError(error)
		});
	});
};
