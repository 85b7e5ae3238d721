/**
 * Deletions as records: every delete writes a tombstone in the same transaction, so a merge
 * restore (and later a sync) knows the record was removed on purpose and does not resurrect it.
 * Callers must include `db.tombstones` in their transaction.
 */
import type { TombstoneRecord, TombstoneTable } from '$lib/domain/model';
import type { EngramDB } from './db';

/** Deletes `ids` from `table` and leaves a tombstone for each. */
export async function deleteWithTombstones(
	db: EngramDB,
	table: TombstoneTable,
	ids: readonly string[],
	now: Date
): Promise<void> {
	if (ids.length === 0) {
		return;
	}
	const deletedAt = now.getTime();
	await db.table(table).bulkDelete([...ids]);
	await db.tombstones.bulkPut(ids.map((id): TombstoneRecord => ({ table, id, deletedAt })));
}

/** A record written again under a deleted id (a setting reset, say) is alive: drop its tombstone. */
export async function forgetTombstones(
	db: EngramDB,
	table: TombstoneTable,
	ids: readonly string[]
): Promise<void> {
	await db.tombstones.bulkDelete(ids.map((id): [string, string] => [table, id]));
}
