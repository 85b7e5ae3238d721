/**
 * A backup that is not one, is damaged, or comes from a newer Engram is refused with one
 * sentence before anything is written; a write failing mid-restore leaves the collection as it was.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '$lib/domain/backup/format';
import { createBackup, restoreBackup, type RestoreMode } from '$lib/storage/backup';
import type { EngramDB } from '$lib/storage/db';
import { injectQuotaErrors } from '../fault-injector';
import { seedDeck } from '$lib/storage/seed';
import { bundledDeck, freshDb, NOW, seededDb } from '../helpers';
import { dump, richCollection, study } from './rich-collection';

/** A studied collection that must survive every bad restore unchanged, and a good backup of another. */
async function target() {
	const { db, deckId } = await seededDb(NOW);
	await study(db, deckId, 2, NOW);
	const source = await richCollection();
	return { db, backup: await createBackup(source.db, NOW) };
}

function rezip(bytes: Uint8Array, change: (entries: Record<string, Uint8Array>) => void) {
	const entries = unzipSync(bytes);
	change(entries);
	return zipSync(entries);
}

function editManifest(bytes: Uint8Array, edit: (manifest: Record<string, unknown>) => void) {
	return rezip(bytes, (entries) => {
		const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<
			string,
			unknown
		>;
		edit(manifest);
		entries['manifest.json'] = strToU8(JSON.stringify(manifest));
	});
}

async function expectRefused(db: EngramDB, bytes: Uint8Array, message: string) {
	const before = await dump(db);
	for (const mode of ['replace', 'merge'] as RestoreMode[]) {
		await expect(restoreBackup(db, bytes, mode)).rejects.toThrow(message);
	}
	expect(await dump(db)).toEqual(before);
}

describe('a bad backup changes nothing', () => {
	it('an empty file, a file that is not a zip, and a truncated zip', async () => {
		const { db, backup } = await target();
		await expectRefused(db, new Uint8Array(), BACKUP_MESSAGES.empty);
		await expectRefused(db, strToU8('{"format":"engram-backup"}'), BACKUP_MESSAGES.notZip);
		await expectRefused(db, backup.slice(0, Math.floor(backup.length / 2)), BACKUP_MESSAGES.badZip);
	});

	it('a flipped byte in the reviews, found by the checksum', async () => {
		const { db, backup } = await target();
		const tampered = rezip(backup, (entries) => {
			const reviews = entries['tables/reviews.jsonl']!;
			const at = new TextDecoder().decode(reviews).indexOf('"rating":') + '"rating":'.length;
			reviews[at] = reviews[at] === 0x31 ? 0x32 : 0x31; // another grade: still valid JSON
		});
		await expectRefused(db, tampered, BACKUP_MESSAGES.checksum);
	});

	it('a changed or missing media file, and a missing table', async () => {
		const { db, backup } = await target();
		const mediaName = Object.keys(unzipSync(backup)).find((name) => name.startsWith('media/'))!;
		const changed = rezip(backup, (entries) => {
			entries[mediaName] = strToU8('not the picture');
		});
		await expectRefused(db, changed, BACKUP_MESSAGES.checksum);
		const missing = rezip(backup, (entries) => {
			delete entries[mediaName];
		});
		await expectRefused(db, missing, BACKUP_MESSAGES.checksum);
		const noTable = rezip(backup, (entries) => {
			delete entries['tables/notes.jsonl'];
		});
		await expectRefused(db, noTable, BACKUP_MESSAGES.checksum);
	});

	it('a zip without a manifest, or with a wrong one', async () => {
		const { db, backup } = await target();
		await expectRefused(
			db,
			zipSync({ 'collection.anki2': strToU8('x') }),
			BACKUP_MESSAGES.noManifest
		);
		const wrongFormat = editManifest(backup, (manifest) => {
			manifest.format = 'engram-deck';
		});
		await expectRefused(db, wrongFormat, BACKUP_MESSAGES.noManifest);
		const noCounts = editManifest(backup, (manifest) => {
			delete manifest.counts;
		});
		await expectRefused(db, noCounts, BACKUP_MESSAGES.noManifest);
		const wrongSum = editManifest(backup, (manifest) => {
			manifest.checksum = '0'.repeat(64);
		});
		await expectRefused(db, wrongSum, BACKUP_MESSAGES.checksum);
	});

	it('a backup from a newer Engram: newer format or newer database schema', async () => {
		const { db, backup } = await target();
		const newerFormat = editManifest(backup, (manifest) => {
			manifest.formatVersion = 2;
		});
		await expectRefused(db, newerFormat, BACKUP_MESSAGES.newer);
		const newerSchema = editManifest(backup, (manifest) => {
			manifest.dbSchemaVersion = db.verno + 1;
		});
		await expectRefused(db, newerSchema, BACKUP_MESSAGES.newer);
	});

	it('records that are not what the tables hold, even with matching checksums', async () => {
		const { db } = await target();
		const source = await seededDb(NOW);
		await source.db.cards.toCollection().first(async (card) => {
			await source.db.cards.put({ ...card!, due: 'soon' as unknown as Date });
		});
		await expectRefused(db, await createBackup(source.db, NOW), BACKUP_MESSAGES.badRecords);
	});
});

describe('a write failing mid-restore', () => {
	it.each(['replace', 'merge'] as RestoreMode[])(
		'%s: the disk filling up while writing reviews leaves the collection exactly as it was',
		async (mode) => {
			const source = await richCollection();
			const backup = await createBackup(source.db, NOW);
			const db = freshDb();
			const faults = injectQuotaErrors(db);
			const deck = bundledDeck();
			await seedDeck(db, deck, NOW);
			const deckId = deck.id;
			await study(db, deckId, 2, NOW);
			const before = await dump(db);
			faults.failing.add('reviews');
			await expect(restoreBackup(db, backup, mode)).rejects.toMatchObject({
				name: expect.stringMatching(/Quota|Abort/)
			});
			expect(faults.failures).toBeGreaterThan(0);
			expect(await dump(db)).toEqual(before);
		}
	);
});
