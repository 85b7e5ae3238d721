/**
 * Backup then restore gives an identical collection, table by table and by checksum, into an
 * empty database or over a different one (replace).
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { backupFileName } from '$lib/domain/backup/format';
import { createBackup, restoreBackup, verifyBackup } from '$lib/storage/backup';
import { freshDb, NOW, seededDb } from '../helpers';
import { dump, richCollection, study } from './rich-collection';

describe('backup and restore', () => {
	it('restores every table of a rich collection into an empty database, identically', async () => {
		const { db } = await richCollection();
		const before = await dump(db);
		expect(before.reviews.length).toBe(8);
		expect(before.media.length).toBe(1);
		const bytes = await createBackup(db, NOW);

		const empty = freshDb();
		const summary = await restoreBackup(empty, bytes, 'replace');
		expect(summary.added.reviews).toBe(8);
		expect(summary.added.cards).toBe(before.cards.length);
		expect(await dump(empty)).toEqual(before);

		const again = await createBackup(empty, new Date(NOW.getTime() + 86_400_000));
		const [first, second] = await Promise.all([verifyBackup(db, bytes), verifyBackup(db, again)]);
		expect(second.manifest.checksum).toBe(first.manifest.checksum);
		expect(second.manifest.createdAt).not.toBe(first.manifest.createdAt);
	});

	it('writes a manifest with format, versions, time and counts, and one file per media', async () => {
		const { db } = await richCollection();
		const entries = unzipSync(await createBackup(db, NOW, { appVersion: '9.9.9' }));
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<
			string,
			unknown
		>;
		expect(manifest).toMatchObject({
			format: 'engram-backup',
			formatVersion: 1,
			appVersion: '9.9.9',
			dbSchemaVersion: db.verno,
			createdAt: NOW.toISOString(),
			counts: {
				reviews: 8,
				media: 1,
				presets: await db.presets.count(),
				settings: await db.settings.count(),
				cards: await db.cards.count()
			}
		});
		expect(manifest.checksum).toMatch(/^[0-9a-f]{64}$/);
		expect(Object.keys(entries).filter((name) => name.startsWith('media/'))).toHaveLength(1);
		expect(backupFileName(new Date(2026, 10, 29, 23, 59))).toBe('engram-backup-2026-11-29.zip');
	});

	it('replace makes a non-empty collection exactly the backup', async () => {
		const { db } = await richCollection();
		const before = await dump(db);
		const bytes = await createBackup(db, NOW);

		const { db: other, deckId } = await seededDb(NOW);
		await study(other, deckId, 3, new Date(NOW.getTime() + 3_600_000));
		await other.settings.put({ key: 'only-here', value: true });
		await restoreBackup(other, bytes, 'replace');
		expect(await dump(other)).toEqual(before);
	});

	it('an empty collection backs up and restores to an empty collection', async () => {
		const db = freshDb();
		const bytes = await createBackup(db, NOW);
		const { db: other } = await seededDb(NOW);
		await restoreBackup(other, bytes, 'replace');
		expect(Object.values(await dump(other)).every((rows) => rows.length === 0)).toBe(true);
	});
});
