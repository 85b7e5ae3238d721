/**
 * Writing one setting: with its mtime, so a merge restore (or a sync) keeps the newer value of
 * each setting, and clearing any tombstone an earlier delete of the same key left.
 */
import type { EngramDB } from './db';
import { deleteWithTombstones, forgetTombstones } from './tombstones';

export async function putSetting(
	db: EngramDB,
	key: string,
	value: unknown,
	now: Date
): Promise<void> {
	await db.transaction('rw', [db.settings, db.tombstones], async () => {
		await db.settings.put({ key, value, mtime: now.getTime() });
		await forgetTombstones(db, 'settings', [key]);
	});
}

export async function deleteSettings(
	db: EngramDB,
	keys: readonly string[],
	now: Date
): Promise<void> {
	await db.transaction('rw', [db.settings, db.tombstones], () =>
		deleteWithTombstones(db, 'settings', keys, now)
	);
}
