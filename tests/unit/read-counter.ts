/**
 * A Dexie DBCore middleware that counts the records each table hands back (gets, query results
 * and cursor steps) and the count() requests, so tests can prove a read is bounded.
 */
import type { DBCoreCursor } from 'dexie';
import type { EngramDB } from '$lib/storage/db';
import { wrapTables } from './dbcore-wrap';

export interface ReadCounter {
	/** Records read, per table. */
	records: Record<string, number>;
	counts: number;
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
		total() {
			return Object.values(this.records).reduce((a, b) => a + b, 0);
		},
		reset() {
			this.records = {};
			this.counts = 0;
		}
	};
	const add = (table: string, n: number) => {
		counter.records[table] = (counter.records[table] ?? 0) + n;
	};
	wrapTables(db, 'read-counter', (table, name) => ({
		get: async (req) => {
			const value: unknown = await table.get(req);
			add(name, value === undefined ? 0 : 1);
			return value;
		},
		getMany: async (req) => {
			const values = await table.getMany(req);
			add(name, values.filter((v) => v !== undefined).length);
			return values;
		},
		query: async (req) => {
			const response = await table.query(req);
			add(name, response.result.length);
			return response;
		},
		openCursor: async (req) => {
			const cursor = await table.openCursor(req);
			return cursor && countingCursor(cursor, () => add(name, 1));
		},
		count: (req) => {
			counter.counts += 1;
			return table.count(req);
		}
	}));
	return counter;
}
