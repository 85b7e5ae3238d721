/**
 * Tells the app's other tabs that a restore or an import began writing (write-journal.ts), so
 * they show it and wait instead of finding out when a write of theirs is refused
 * (journal-guard.ts). The writer posts once its journal row is stored; a tab hears it on a
 * BroadcastChannel opened when its collection opens (before it reads the journal, so no
 * message falls between the two), then waits for the journal's lock: that is granted once the
 * writer is done, committed or rolled back, or gone (a crash, which the wait then rolls back).
 *
 * Kept tiny: it is on the first screen.
 */
import type { EngramDB } from './db';
import type { JournalKind } from './write-journal';

/** This page's id: its workers are named after it, so it ignores the journals they open. */
export const PAGE_ID = `page-${Math.random().toString(36).slice(2)}`;

/** BroadcastChannel, or the one a worker kept before hiding it from Dexie (quiet-dexie.ts). */
let Channel = globalThis.BroadcastChannel as typeof BroadcastChannel | undefined;

export function keepChannel(channel: typeof BroadcastChannel): void {
	Channel = channel;
}

const channelOf = (db: { name: string }) => new Channel!(`${db.name}-journal`);

/** Posted by the writer once its journal row is stored. */
export function announceJournal(db: { name: string }, kind: JournalKind): void {
	if (Channel) {
		const channel = channelOf(db);
		// A worker's name: the id of the page that started it (empty on a page).
		channel.postMessage({ kind, from: (globalThis as { name?: string }).name ?? '' });
		channel.close();
	}
}

/** Calls `busy` with the kind of each journal another page (or its worker) opens; a stop. */
export function followJournals(db: EngramDB, busy: (kind: JournalKind) => void): () => void {
	if (!Channel) {
		return () => {};
	}
	const channel = channelOf(db);
	channel.onmessage = ({ data }: MessageEvent<{ kind: JournalKind; from: string }>) => {
		if (data.from !== PAGE_ID) {
			busy(data.kind);
		}
	};
	return () => channel.close();
}
