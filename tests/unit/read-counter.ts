/**
 * A Dexie DBCore middleware that counts the records each table hands back (gets, query results
 * and cursor steps), the keys of key-only queries and the count() requests, so tests can prove a read is bounded.
 */
import type { DBCoreCursor } from 'dexie';
import type { EngramDB } from '$lib/storage/db';
import { wrapTables } from './dbcore-wrap';

export interface ReadCounter {
	/** Records read, per table. */
	records: Record<string, number>;
	counts: number;
	/** count() requests, per table. */
	countsByTable: Record<string, number>;
	/** Keys read by key-only queries (each bounded by a limit), apart from the records. */
	keys: number;
	/** The same keys, per table. */
	keysByTable: Record<string, number>;
	total(): number;
	reset(): void;
}

function countingCursor(cursor: DBCoreCursor, onRecord: () => void): DBCoreCursor {
	return new Proxy(cursor, {
		get(target, prop) {
			if (prop === 'start') {
				return (onNext: () => void) =>
					target.start(() => {
						onRecord();
						onNext();
					});
			}
			const value: unknown = Reflect.get(target, prop, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}

export function countReads(db: EngramDB): ReadCounter {
	const counter: ReadCounter = {
		records: {},
		counts: 0,
		countsByTable: {},
		keys: 0,
		keysByTable: {},
		total() {
			return Object.values(this.records).reduce((a, b) => a + b, 0);
		},
		reset() {
			this.records = {};
			this.counts = 0;
			this.countsByTable = {};
			this.keys = 0;
			this.keysByTable = {};
		}
	};
	const add = (table: string, n: number) => {
		counter.records[table] = (counter.records[table] ?? 0) + n;
	};
	// `.then`, not async functions: the table's promises are Dexie's and keep the transaction's
	// zone; a native async wrapper loses it once a transaction runs many reads in parallel.
	wrapTables(db, 'read-counter', (table, name) => ({
		get: (req) =>
			table.get(req).then((value: unknown) => {
				add(name, value === undefined ? 0 : 1);
				return value;
			}),
		getMany: (req) =>
			table.getMany(req).then((values) => {
				add(name, values.filter((v) => v !== undefined).length);
				return values;
			}),
		query: (req) =>
			table.query(req).then((response) => {
				if (req.values) {
					add(name, response.result.length);
				} else {
					counter.keys += response.result.length;
					counter.keysByTable[name] = (counter.keysByTable[name] ?? 0) + response.result.length;
				}
				return response;
			}),
		openCursor: (req) =>
			table.openCursor(req).then((cursor) => cursor && countingCursor(cursor, () => add(name, 1))),
		count: (req) => {
			counter.counts += 1;
			counter.countsByTable[name] = (counter.countsByTable[name] ?? 0) + 1;
			return table.count(req);
		}
	}));
	return counter;
}
