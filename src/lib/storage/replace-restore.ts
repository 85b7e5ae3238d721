/**
 * A restore that replaces the collection, rolled back from a restore point rather than from undo
 * rows. Undo rows would copy the whole old collection once more (about twice the writes of the
 * restore itself); the copy kept before every restore already holds it. So, inside the journal
 * (write-journal.ts), before anything is deleted:
 *
 * 1. The journal row is written: from then on other tabs' writes to the collection are refused
 *    (journal-guard.ts), so the copy below is the collection the restore replaces, to the last
 *    answer, and no write lands between the copy and the rollback that would lose it.
 * 2. The collection is copied and kept as a `before-restore` point, pinned to the journal (never
 *    dropped while pinned) and written with strict durability (on disk when it resolves).
 * 3. The kept copy is read back and verified in full (complete and readable).
 * 4. The journal row names the point: from then on a rollback (a failure, a cancel, the next
 *    open after a crash) puts the point back, and that can start over if it is cut short.
 */
import type { BackupReader } from '$lib/domain/backup/read';
import { TABLE_NAMES } from '$lib/domain/backup/format';
import { zipOf } from '$lib/workers/file-source';
import {
	applyBackup,
	createBackupBlob,
	verifyBackup,
	writeBackupTables,
	type RestoreOptions,
	type RestoreSummary
} from './backup';
import type { EngramDB } from './db';
import { restorePointFile, saveRestorePoint, unpinRestorePoints } from './restore-points';
import type { JournaledWrites } from './write-journal';

export interface ReplaceOptions extends RestoreOptions {
	/** The restore point being put back, if it is one: the copy must not drop it. */
	keep?: string;
	/** Progress of the copy kept first. */
	onCopyProgress?: (fraction: number) => void;
	/** Called once the copy is kept and verified, just before the first delete. */
	onCopied?: () => void;
}

/** A kept point's backup, read back from disk and verified; an error if it is not all there. */
async function keptBackup(db: EngramDB, pointId: string): Promise<BackupReader> {
	const kept = await restorePointFile(db.name, pointId);
	if (!kept) {
		throw new Error(`Restore point ${pointId} is missing: the restore cannot be put back.`);
	}
	return verifyBackup(db, await zipOf(kept.file));
}

/** Steps 2–4 above, inside the journal (the lock is held: the copy reads without waiting). */
async function keepPointFirst(
	writes: JournaledWrites,
	now: Date,
	{ keep, signal, onCopyProgress, onCopied }: ReplaceOptions
): Promise<void> {
	const { db, journalId } = writes;
	// No journal is open but this one: any pin left is stale.
	await unpinRestorePoints(db.name);
	const { blob } = await createBackupBlob(db, now, {
		lockHeld: true,
		signal,
		onProgress: onCopyProgress
	});
	const point = await saveRestorePoint(db.name, blob, 'before-restore', now, keep, journalId);
	await keptBackup(db, point.id);
	signal?.throwIfAborted();
	await writes.coverWith(point.id, TABLE_NAMES);
	onCopied?.();
}

/**
 * Replaces the collection with a verified backup, keeping the collection as it was as a
 * `before-restore` point first, all or nothing (see above).
 */
export function replaceCollection(
	db: EngramDB,
	backup: BackupReader,
	options: ReplaceOptions = {}
): Promise<RestoreSummary> {
	const now = options.now ?? new Date();
	return applyBackup(db, backup, 'replace', {
		...options,
		now,
		prepare: (writes) => keepPointFirst(writes, now, options)
	});
}

/** A rollback's last step: the point's tables made exactly the point (write-journal.ts). */
export async function putBackPoint(writes: JournaledWrites, pointId: string): Promise<void> {
	await writeBackupTables(writes, await keptBackup(writes.db, pointId));
}
