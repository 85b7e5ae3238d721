/**
 * The read-only transactions open on a connection, so that a page being closed can abort them.
 * Chromium rolls back every transaction a page has not committed when the page's connection goes
 * away, and a write only runs once the transactions asked for before it on the same stores are
 * done. A read of several round trips (each next request is sent once the last result came back)
 * cannot finish once the page stops running, so a write queued behind it would never start:
 * aborting the reads lets the writes run, and commit, while the page is torn down.
 */
import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';

export interface OpenReads {
	/** The DBCore middleware that sees every transaction the database creates. */
	middleware: Middleware<DBCore>;
	/** Aborts every read-only transaction still open (their callers get an AbortError); how many. */
	abortAll(): number;
}

/** An IDBTransaction (or fake-indexeddb's) under Dexie's DBCore type. */
function asEventTarget(transaction: DBCoreTransaction): EventTarget | undefined {
	const target = transaction as Partial<EventTarget>;
	return typeof target.addEventListener === 'function' ? (target as EventTarget) : undefined;
}

export function openReads(): OpenReads {
	const open = new Set<DBCoreTransaction>();
	const middleware: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'OpenReads',
		create: (down) => ({
			...down,
			transaction: (stores, mode, options) => {
				const transaction = down.transaction(stores, mode, options);
				const events = mode === 'readonly' ? asEventTarget(transaction) : undefined;
				if (events) {
					open.add(transaction);
					const closed = () => open.delete(transaction);
					events.addEventListener('complete', closed);
					events.addEventListener('abort', closed);
				}
				return transaction;
			}
		})
	};
	const abortAll = () => {
		const reads = [...open];
		open.clear();
		for (const read of reads) {
			try {
				read.abort();
			} catch {
				// Already finished (its complete event not delivered yet): it blocks nothing.
			}
		}
		return reads.length;
	};
	return { middleware, abortAll };
}
