/**
 * A restore reads the backup file a slice at a time (in the worker, the File through
 * FileReaderSync), never whole: read in many small chunks it gives the same collection as from
 * bytes, still all or nothing. Verifying needs no set of ids: keys must strictly increase, as the
 * backup writes them, so a repeated or out-of-order key is refused.
 */
import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '$lib/domain/backup/format';
import { BackupWriter } from '$lib/domain/backup/pack';
import { bytesSource, ZIP_CHUNK, type ZipSource } from '$lib/domain/backup/zip-entries';
import { sha256Hex, toMediaRecords } from '$lib/storage/media';
import type { DeckRecord } from '$lib/domain/model';
import { BlobSink } from '$lib/storage/blob-sink';
import { createBackup, restoreBackup, type RestoreMode } from '$lib/storage/backup';
import { freshDb, NOW, seededDb } from '../helpers';
import { dump, richCollection, study } from './rich-collection';

const SMALL = 512;

/** Where `part` first occurs in `bytes` (the media's bytes sit stored, unpacked, in the zip). */
function indexOf(bytes: Uint8Array, part: Uint8Array): number {
	for (let i = 0; i + part.length <= bytes.length; i += 1) {
		if (part.every((b, j) => bytes[i + j] === b)) {
			return i;
		}
	}
	throw new Error('not found');
}

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

	it('a media file of several megabytes is checked and stored from small reads, as a Blob', async () => {
		const { db } = await seededDb(NOW);
		// Pseudo-random bytes, so the zip cannot shrink them: 3 MB read in 64 KB slices.
		const video = new Uint8Array(3 * 1024 * 1024 + 123);
		let x = 7;
		for (let i = 0; i < video.length; i += 1) {
			x = (x * 1_103_515_245 + 12_345) >>> 0;
			video[i] = x >>> 24;
		}
		await db.media.bulkAdd(
			await toMediaRecords([{ name: 'clip.mp4', type: 'video/mp4', bytes: video }], NOW)
		);
		const backup = await createBackup(db, NOW);
		const target = freshDb();
		const { source, reads } = countingSource(backup, ZIP_CHUNK);
		await restoreBackup(target, source, 'merge');
		const [stored] = await target.media.toArray();
		expect(stored!.bytes).toBeInstanceOf(Blob);
		expect(stored).toMatchObject({ name: 'clip.mp4', type: 'video/mp4' });
		expect((stored!.bytes as Blob).type).toBe('video/mp4');
		// Compared by hash: a deep equal of megabytes is slow.
		const restored = new Uint8Array(await (stored!.bytes as Blob).arrayBuffer());
		expect(restored.length).toBe(video.length);
		expect(await sha256Hex(restored)).toBe(await sha256Hex(video));
		expect(reads.filter((length) => length > ZIP_CHUNK).length).toBeLessThanOrEqual(2);

		// A flipped byte in the middle of it is found by the checksum, and nothing is written.
		const damaged = backup.slice();
		damaged[indexOf(damaged, video.subarray(2_000_000, 2_000_064)) + 10]! ^= 1;
		const other = freshDb();
		await expect(restoreBackup(other, damaged, 'replace')).rejects.toThrow(
			BACKUP_MESSAGES.checksum
		);
		expect(await other.media.count()).toBe(0);
	});

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
