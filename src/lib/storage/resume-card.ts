/**
 * Where the study screen's resume snapshot (domain/resume-card.ts) is kept, and what drops it.
 * It lives in localStorage under one key, which app.html's boot script reads synchronously
 * before any of the app's code has loaded (the key and its shape are repeated there).
 *
 * Every write to a table that could change which card a study screen shows first, or how it
 * looks, drops it, in one place: `resumeGuard`, a DBCore middleware on every EngramDB, drops it
 * as the write is asked for (before it can commit). A worker has no localStorage: its middleware
 * tells the pages on a BroadcastChannel, and each page that hears it drops the snapshot. Each drop
 * also moves a shared count (`engram-resume-writes`), so a page saving a snapshot can tell
 * whether anyone else wrote since it planned the card (`resumeMark`, `keepResume`).
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import type { ResumeSnapshot } from '$lib/domain/resume-card';

export const RESUME_KEY = 'engram-resume';
const WRITES_KEY = 'engram-resume-writes';
const CHANNEL = 'engram-resume';

/** Tables whose writes change neither which card comes first nor how it looks. */
const IGNORED = new Set([
	'media',
	'tombstones',
	'bulkUndo',
	'deckUndo',
	'journal',
	'journalUndo',
	'previews'
]);

/** A worker's drops, at most this often (an import writes thousands of pages). */
const WORKER_TELL_MS = 100;

function pageStorage(): Storage | undefined {
	try {
		return typeof localStorage === 'undefined' ? undefined : localStorage;
	} catch {
		return undefined; // Storage blocked: nothing is kept, nothing to drop.
	}
}

/** This page's own drops: writes it asked for itself, as opposed to other tabs' and workers'. */
let ownDrops = 0;

function writesSeen(storage: Storage): number {
	return Number(storage.getItem(WRITES_KEY)) || 0;
}

/** Drops the snapshot and counts the write (a page; storage given for tests). */
export function dropResume(storage = pageStorage()): void {
	if (!storage) {
		return;
	}
	try {
		storage.removeItem(RESUME_KEY);
		storage.setItem(WRITES_KEY, String(writesSeen(storage) + 1));
	} catch {
		// A full or blocked storage: removeItem cannot fail for lack of space; the count can.
	}
}

/** What `keepResume` compares with: the writes seen and this page's own, when a card was planned. */
export interface ResumeMark {
	seen: number;
	own: number;
}

export function resumeMark(storage = pageStorage()): ResumeMark {
	return { seen: storage ? writesSeen(storage) : 0, own: ownDrops };
}

/**
 * Keeps `snapshot`, unless a write not of this page's own (another tab's, a worker's) was asked
 * for since `mark`: the card planned then may no longer come first. This page's own writes since
 * (the answers the card was planned after) are what the planning counted in.
 */
export function keepResume(
	snapshot: ResumeSnapshot,
	mark: ResumeMark,
	storage = pageStorage()
): boolean {
	if (!storage || writesSeen(storage) - mark.seen !== ownDrops - mark.own) {
		return false;
	}
	try {
		storage.setItem(RESUME_KEY, JSON.stringify(snapshot));
		return true;
	} catch {
		return false; // Full: no snapshot, the cold start just paints no card early.
	}
}

/** The snapshot kept, if any (for tests and the bench: the boot script reads it itself). */
export function keptResume(storage = pageStorage()): ResumeSnapshot | undefined {
	const text = storage?.getItem(RESUME_KEY);
	return text ? (JSON.parse(text) as ResumeSnapshot) : undefined;
}

let channel: BroadcastChannel | undefined;

/** The channel workers tell the pages on: one per context, made on first use. */
function resumeChannel(): BroadcastChannel | undefined {
	if (!channel && typeof BroadcastChannel !== 'undefined') {
		channel = new BroadcastChannel(CHANNEL);
		// Node's (unit tests) would keep the process alive.
		(channel as { unref?: () => void }).unref?.();
	}
	return channel;
}

/** How this context drops the snapshot: directly in a page, through the pages in a worker. */
function dropper(): () => void {
	if (pageStorage()) {
		const pages = resumeChannel();
		if (pages) {
			pages.onmessage = () => dropResume();
		}
		return () => {
			ownDrops += 1;
			dropResume();
		};
	}
	if (!('WorkerGlobalScope' in globalThis)) {
		return () => {}; // Neither a page nor a worker (Node): no snapshot to drop.
	}
	let last = -Infinity;
	let trailing: ReturnType<typeof setTimeout> | undefined;
	const tell = () => {
		last = Date.now();
		resumeChannel()?.postMessage('write');
	};
	return () => {
		if (Date.now() - last >= WORKER_TELL_MS) {
			tell();
		} else {
			// The last write of a burst is told too: a snapshot saved meanwhile goes.
			clearTimeout(trailing);
			trailing = setTimeout(tell, WORKER_TELL_MS);
		}
	};
}

/** The middleware: any write to a table that matters drops the snapshot as it is asked for. */
export function resumeGuard(): Middleware<DBCore> {
	const drop = dropper();
	return {
		stack: 'dbcore',
		name: 'ResumeGuard',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				if (IGNORED.has(name)) {
					return table;
				}
				return {
					...table,
					mutate: (request: DBCoreMutateRequest) => {
						drop();
						return table.mutate(request);
					}
				};
			}
		})
	};
}
