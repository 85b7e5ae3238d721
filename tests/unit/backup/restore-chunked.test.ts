/**
 * A restore reads the backup file a slice at a time (in the worker, the File through
 * FileReaderSync), never whole: read in many small chunks it gives the same collection as from
 * bytes, still all or nothing. Verifying needs no set of ids: keys must strictly increase, as the
 * backup writes them, so a repeated or out-of-order key is refused.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '$lib/domain/backup/format';
import { BackupWriter } from '$lib/domain/backup/pack';
import { bytesSource, type ZipSource } from '$lib/domain/backup/zip-entries';
import type { DeckRecord } from '$lib/domain/model';
import { BlobSink } from '$lib/storage/blob-sink';
import { createBackup, restoreBackup, type RestoreMode } from '$lib/storage/backup';
import { freshDb, NOW, seededDb } from '../helpers';
import { dump, richCollection, study } from './rich-collection';

const SMALL = 512;

/** The backup as a source that counts its reads, reading at most `chunk` bytes of an entry at a time. */
function countingSource(bytes: Uint8Array, chunk: number) {
	const reads: number[] = [];
	const inner = bytesSource(bytes, chunk);
	const source: ZipSource = {
		size: bytes.length,
		chunk,
		read: (offset, length) => {
			reads.push(length);
			return inner.read(offset, length).slice(); // a copy, as a file read gives
		}
	};
	return { source, reads };
}

describe('restore read in small chunks', () => {
	it.each(['replace', 'merge'] as RestoreMode[])(
		'%s gives the same collection as from bytes in memory',
		async (mode) => {
			const { db } = await richCollection();
			const backup = await createBackup(db, NOW);
			const expected = freshDb();
			const target = freshDb();
			if (mode === 'merge') {
				// Both start as the same studied collection (review ids are random: copied, not redone).
				const { db: mine, deckId } = await seededDb(NOW);
				await study(mine, deckId, 2, NOW);
				const copy = await createBackup(mine, NOW);
				await restoreBackup(expected, copy, 'replace');
				await restoreBackup(target, copy, 'replace');
			}
			await restoreBackup(expected, backup, mode);

			const { source, reads } = countingSource(backup, SMALL);
			await restoreBackup(target, source, mode);
			expect(await dump(target)).toEqual(await dump(expected));
			// Hundreds of reads, all small but the end of the zip and its directory (once each).
			expect(reads.length).toBeGreaterThan(backup.length / SMALL);
			expect(reads.filter((length) => length > SMALL).length).toBeLessThanOrEqual(2);
		}
	);

	it('a cancel part-way through a chunked read leaves the collection as it was', async () => {
		const { db } = await richCollection();
		const backup = await createBackup(db, NOW);
		const { db: target, deckId } = await seededDb(NOW);
		await study(target, deckId, 3, NOW);
		const before = await dump(target);
		const cancel = new AbortController();
		let pages = 0;
		const { source } = countingSource(backup, SMALL);
		const restore = restoreBackup(target, source, 'replace', {
			pageSize: 5,
			signal: cancel.signal,
			onProgress: () => {
				if ((pages += 1) === 20) {
					cancel.abort();
				}
			}
		});
		await expect(restore).rejects.toThrow();
		expect(pages).toBeGreaterThanOrEqual(20);
		expect(await dump(target)).toEqual(before);
	});
});

/** A backup written by the app's writer whose decks are `decks`, in the order given. */
async function backupOfDecks(decks: DeckRecord[]): Promise<Uint8Array> {
	const sink = new BlobSink('application/zip');
	const db = freshDb();
	await db.open();
	const writer = new BackupWriter({
		appVersion: 'test',
		dbSchemaVersion: db.verno,
		now: NOW,
		onData: (chunk) => sink.add(chunk)
	});
	for (const table of ['decks', 'noteTypes', 'notes', 'cards', 'reviews'] as const) {
		const out = writer.table(table);
		out.add(table === 'decks' ? decks : []);
		out.end();
	}
	for (const table of ['presets', 'settings', 'tombstones'] as const) {
		writer.table(table).end();
	}
	writer.finish();
	return new Uint8Array(await sink.finish().arrayBuffer());
}

describe('verifying keys without a set of ids', () => {
	const deck = (id: string): DeckRecord => ({
		id,
		name: id,
		description: '',
		presetId: 'default',
		createdAt: 1,
		mtime: 1
	});

	it('takes keys in increasing order, refuses a repeated or out-of-order key', async () => {
		const db = freshDb();
		await restoreBackup(db, await backupOfDecks([deck('a'), deck('b'), deck('c')]), 'replace');
		expect((await db.decks.toArray()).map((d) => d.id)).toEqual(['a', 'b', 'c']);

		for (const ids of [
			['a', 'b', 'b'],
			['a', 'c', 'b']
		]) {
			const target = freshDb();
			const before = await dump(target);
			await expect(
				restoreBackup(target, await backupOfDecks(ids.map(deck)), 'replace')
			).rejects.toThrow(BACKUP_MESSAGES.badRecords);
			expect(await dump(target)).toEqual(before);
		}
	});
});
