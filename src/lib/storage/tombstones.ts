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

/**
 * How long a tombstone is kept: 180 days. A tombstone only matters when a copy made before the
 * deletion is merged (a backup file from another device today; a sync replica later), so it must
 * outlive the longest gap between such merges. We cannot know which copies exist until there is
 * a sync with checkpoints, so the window is generous: six months is far longer than people leave
 * a backup unmerged, and a tombstone is a few dozen bytes. What a late merge of an older copy can
 * do after pruning is bring a long-deleted record back: an annoyance, never a loss of data.
 * With CouchDB sync this becomes "prune what every replica's checkpoint has passed" (CouchDB
 * itself keeps deletion stubs until a purge); until then time is the only safe measure.
 */
export const TOMBSTONE_KEEP_MS = 180 * 86_400_000;

/** Tombstones deleted per transaction: pruning never holds a long write lock. */
const PRUNE_PAGE = 500;

/**
 * Deletes tombstones older than `keepMs` before `now`, oldest first, a page per transaction (a
 * cut-short prune just leaves some for next time). Returns how many were deleted.
 */
export async function pruneTombstones(
	db: EngramDB,
	now: Date,
	keepMs: number = TOMBSTONE_KEEP_MS
): Promise<number> {
	const before = now.getTime() - keepMs;
	let pruned = 0;
	for (;;) {
		const page = await db.transaction('rw', db.tombstones, async () => {
			const keys = await db.tombstones
				.where('deletedAt')
				.below(before)
				.limit(PRUNE_PAGE)
				.primaryKeys();
			await db.tombstones.bulkDelete(keys);
			return keys.length;
		});
		pruned += page;
		if (page < PRUNE_PAGE) {
			return pruned;
		}
	}
}
