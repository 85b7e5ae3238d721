/**
 * Makes and restores full backups off the main thread: reading, checksumming, zipping and
 * writing 100,000 cards would otherwise freeze the page. The file being restored is verified
 * once (`inspect`) and kept here until the user picks Replace or Merge.
 */
import './quiet-dexie';
import type { VerifiedBackup } from '$lib/domain/backup/read';
import { BackupError } from '$lib/domain/backup/format';
import { applyBackup, createBackup, verifyBackup } from '$lib/storage/backup';
import { getDb } from '$lib/storage/db';
import { describeWriteError } from '$lib/storage/errors';
import { restorePointBytes, saveRestorePoint } from '$lib/storage/restore-points';
import type { BackupRequest, BackupResponse } from './backup-protocol';

let verified: VerifiedBackup | undefined;

function post(message: BackupResponse, transfer: Transferable[] = []): void {
	postMessage(message, { transfer });
}

const progress = (phase: string, from: number, to: number) => (fraction: number) =>
	post({ type: 'progress', phase, fraction: from + (to - from) * fraction });

async function backup(now: Date): Promise<void> {
	const bytes = await createBackup(getDb(), now, {
		onProgress: progress('Packing your collection', 0, 1)
	});
	post({ type: 'backup', bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer]);
}

async function inspect(bytes: ArrayBuffer): Promise<void> {
	verified = undefined;
	post({ type: 'progress', phase: 'Checking the backup', fraction: 0 });
	verified = await verifyBackup(getDb(), new Uint8Array(bytes));
	post({ type: 'inspected', manifest: verified.manifest });
}

/** Snapshot first, so a mistaken restore can be undone, then the restore in one transaction. */
async function restore(mode: 'replace' | 'merge', now: Date): Promise<void> {
	if (!verified) {
		throw new BackupError('Choose a backup file first.');
	}
	const db = getDb();
	const snapshot = await createBackup(db, now, {
		onProgress: progress('Keeping a copy of your current collection', 0, 0.6)
	});
	await saveRestorePoint(db.name, snapshot, now);
	post({ type: 'progress', phase: 'Restoring', fraction: 0.7 });
	const summary = await applyBackup(db, verified.content, mode);
	verified = undefined;
	post({ type: 'restored', summary });
}

async function undo(): Promise<void> {
	const db = getDb();
	const bytes = await restorePointBytes(db.name);
	if (!bytes) {
		throw new BackupError('There is no earlier collection kept on this device.');
	}
	post({ type: 'progress', phase: 'Putting your collection back', fraction: 0.2 });
	const { content } = await verifyBackup(db, bytes);
	post({ type: 'restored', summary: await applyBackup(db, content, 'replace') });
}

function handle(request: BackupRequest): Promise<void> {
	switch (request.type) {
		case 'backup':
			return backup(new Date(request.now));
		case 'inspect':
			return inspect(request.bytes);
		case 'restore':
			return restore(request.mode, new Date(request.now));
		case 'undo':
			return undo();
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
