/**
 * One journaled write at a time per database, across tabs and workers: a Web Lock, which the
 * browser releases when its holder's tab or worker goes away. So a journal still open while
 * nobody holds the lock is one whose writer crashed or was closed. Where there are no Web Locks
 * (Node, in the unit tests) a queue in this process does the same for one process.
 */

/** Per lock name: the tail of the queue, and how many runs are waiting or running. */
const queues = new Map<string, { tail: Promise<unknown>; pending: number }>();

function webLocks(): LockManager | undefined {
	return typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
}

/** Runs `run` holding the lock `name`, after any holder before it. */
export function withLock<T>(name: string, run: () => Promise<T>): Promise<T> {
	const locks = webLocks();
	if (locks) {
		return locks.request(name, run);
	}
	const queue = queues.get(name) ?? { tail: Promise.resolve(), pending: 0 };
	queues.set(name, queue);
	queue.pending += 1;
	const mine = queue.tail.then(run).finally(() => {
		queue.pending -= 1;
	});
	queue.tail = mine.catch(() => undefined);
	return mine;
}

/** Runs `run` holding the lock only if nobody holds it or waits for it; false if it did not run. */
export async function ifLockFree(name: string, run: () => Promise<void>): Promise<boolean> {
	const locks = webLocks();
	if (locks) {
		return locks.request(name, { ifAvailable: true }, async (lock) => {
			if (!lock) {
				return false;
			}
			await run();
			return true;
		});
	}
	if ((queues.get(name)?.pending ?? 0) > 0) {
		return false;
	}
	await withLock(name, run);
	return true;
}
