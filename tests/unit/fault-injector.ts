/**
 * A Dexie DBCore middleware that makes writes to chosen tables fail the way a full disk does in
 * a browser: with a DOMException named QuotaExceededError.
 */
import type { EngramDB } from '$lib/storage/db';
import { wrapTables } from './dbcore-wrap';

export interface FaultInjector {
	/** Tables whose writes fail; empty means none. */
	failing: Set<string>;
	/** Writes that failed so far. */
	failures: number;
	/** Writes to the failing tables that still succeed before they start failing (part-way). */
	passes: number;
	/** Failures after which writes succeed again (space freed): unlimited unless set. */
	limit: number;
}

export function injectQuotaErrors(db: EngramDB): FaultInjector {
	const injector: FaultInjector = {
		failing: new Set(),
		failures: 0,
		passes: 0,
		limit: Infinity
	};
	wrapTables(db, 'quota-faults', (table, name) => ({
		mutate: (req) => {
			if (injector.failing.has(name) && injector.passes > 0) {
				injector.passes -= 1;
			} else if (injector.failing.has(name) && injector.failures < injector.limit) {
				injector.failures += 1;
				return Promise.reject(
					new DOMException('The quota has been exceeded.', 'QuotaExceededError')
				);
			}
			return table.mutate(req);
		}
	}));
	return injector;
}
