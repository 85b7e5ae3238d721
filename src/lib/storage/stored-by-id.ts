/**
 * What a table already holds under a list of ids, aligned with the ids like Dexie's bulkGet, for
 * an import that must tell new records from stored ones. A bulkGet asks IndexedDB once per id, and
 * on an import into a fresh or small collection almost every answer is "not there": those reads
 * cost nearly as much as writing the records. So the table is asked how big it is first:
 * - empty: nothing is stored, no read at all;
 * - no bigger than the list: its keys are read in one request, and only the ids found are got;
 * - bigger: one get per id, as before (a small import into a large collection).
 */
import type { Table } from 'dexie';

export async function storedById<T extends { id: string }, Insert>(
	table: Table<T, string, Insert>,
	ids: string[]
): Promise<(T | undefined)[]> {
	if (ids.length === 0) {
		return [];
	}
	const size = await table.count();
	if (size === 0) {
		return ids.map(() => undefined);
	}
	if (size > ids.length) {
		return table.bulkGet(ids);
	}
	const keys = new Set(await table.toCollection().primaryKeys());
	const found = ids.filter((id) => keys.has(id));
	const records = new Map<string, T>();
	(await table.bulkGet(found)).forEach((record) => record && records.set(record.id, record));
	return ids.map((id) => records.get(id));
}
