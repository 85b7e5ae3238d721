/** Messages between the settings screen and the backup worker. */
import type { BackupManifest } from '$lib/domain/backup/format';
import type { RestoreMode, RestoreSummary } from '$lib/storage/backup';

export type BackupRequest =
	| { type: 'backup'; now: number }
	| { type: 'inspect'; file: Blob }
	| { type: 'restore'; mode: RestoreMode; now: number }
	/** Puts a restore point back (the newest without an id). */
	| { type: 'restore-point'; id?: string; now: number }
	/** Takes the daily snapshot if one is due. */
	| { type: 'snapshot'; now: number }
	/** Stops the restore under way, unless it has already committed. */
	| { type: 'cancel' };

export type BackupResponse =
	| { type: 'progress'; phase: string; fraction: number }
	| { type: 'backup'; file: Blob }
	| { type: 'inspected'; manifest: BackupManifest }
	| { type: 'restored'; summary: RestoreSummary }
	| { type: 'snapshot'; taken: boolean }
	/** The restore was stopped before it committed: nothing changed. */
	| { type: 'cancelled' }
	| { type: 'error'; message: string };
