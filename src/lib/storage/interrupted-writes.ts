/**
 * At the app's open: a restore or import cut short (tab closed, worker stopped, crash) left its
 * journal open; it is rolled back before anything reads the collection. Only a count of an empty
 * table on most opens: the rollback's code loads only when there is one.
 */
import type { EngramDB } from './db';
import type { JournalKind } from './write-journal';

/** `onWait` hears, before the wait, of a journal another tab still writes (journal-notice.ts). */
export async function rollBackInterruptedWrites(
	db: EngramDB,
	onWait?: (kind: JournalKind) => void
): Promise<boolean> {
	const [journal] = await db.journal.toArray();
	if (!journal) {
		return false;
	}
	const { recoverJournals } = await import('./write-journal');
	// Waits while another tab still writes its journal, as an open once waited for its one big
	// transaction: this tab never shows half a restore.
	return recoverJournals(db, { wait: true, onWait: () => onWait?.(journal.kind) });
}
