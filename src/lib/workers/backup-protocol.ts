/** Messages between the settings screen and the backup worker. */
import type { BackupManifest } from '$lib/domain/backup/format';
import type { RestoreMode, RestoreSummary } from '$lib/storage/backup';

export type BackupRequest =
	| { type: 'backup'; now: number }
	| { type: 'inspect'; bytes: ArrayBuffer }
	| { type: 'restore'; mode: RestoreMode; now: number }
	| { type: 'undo' };

export type BackupResponse =
	| { type: 'progress'; phase: string; fraction: number }
	| { type: 'backup'; bytes: ArrayBuffer }
	| { type: 'inspected'; manifest: BackupManifest }
	| { type: 'restored'; summary: RestoreSummary }
	| { type: 'error'; message: string };
