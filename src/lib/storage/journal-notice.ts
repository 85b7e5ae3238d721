/**
 * Tabs hear of each other's restores and imports: the journaled write (write-journal.ts) says on
 * a BroadcastChannel that it has begun, and tabs already open show "…in another tab" in place of
 * their screens until it ends, then show them again, read afresh. (Their writes meanwhile would be
 * refused anyway: journal-guard.ts.) The app names its workers after their tab (`TAB_ID`), so a
 * tab does not wait for its own restore or import.
 */
import type { EngramDB } from './db';
import type { JournalKind } from './write-journal';

interface JournalNotice {
	kind: JournalKind;
	/** The writer's global name: its tab's TAB_ID for the app's workers. */
	tab: string;
}

/** This tab, as its workers are named. */
export const TAB_ID = `tab-${crypto.randomUUID()}`;

const channel = (db: EngramDB) => new BroadcastChannel(`${db.name}-journal`);

/** Called by a journaled write once its journal row is written. */
export function announceJournal(db: EngramDB, kind: JournalKind): void {
	if (typeof BroadcastChannel === 'function') {
		const out = channel(db);
		out.postMessage({ kind, tab: String((globalThis as { name?: unknown }).name ?? '') });
		out.close();
	}
}

/**
 * Calls `begun` when a journaled write of another tab begins and `ended` once it is over (its
 * lock released, a write cut short rolled back: storage/interrupted-writes.ts).
 */
export function watchJournals(
	db: EngramDB,
	begun: (kind: JournalKind) => void,
	ended: () => void
): void {
	channel(db).onmessage = async ({ data }: MessageEvent<JournalNotice>) => {
		if (data.tab === TAB_ID) {
			return;
		}
		begun(data.kind);
		const { rollBackInterruptedWrites } = await import('./interrupted-writes');
		await rollBackInterruptedWrites(db).catch(() => undefined);
		ended();
	};
}
