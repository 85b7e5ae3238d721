/**
 * Makes and restores full backups off the main thread: reading, checksumming, zipping and
 * writing 100,000 cards would otherwise freeze the page. The file being restored is verified
 * once (`inspect`) and kept here, still zipped, until the user picks Replace or Merge. The work
 * itself is in backup-service.ts.
 */
import './quiet-dexie';
import { getDb } from '$lib/storage/db';
import type { BackupRequest, BackupResponse } from './backup-protocol';
import { backupService } from './backup-service';

const service = backupService(getDb, (message: BackupResponse) => postMessage(message));

onmessage = (event: MessageEvent<BackupRequest>) => {
	void service.handle(event.data);
};
