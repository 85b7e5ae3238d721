/**
 * The restore reads one zip entry at a time through the central directory, and a large table
 * arrives in chunks instead of one unpacked array.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '$lib/domain/backup/format';
import { entryBytes, entryChunks, zipDirectory } from '$lib/domain/backup/zip-entries';

/** Lines that do not repeat, so deflate cannot shrink them to nothing. */
function lines(count: number): string {
	return Array.from({ length: count }, (_, i) => `{"id":"${i}","n":${(i * 7919) % 104729}}`).join(
		'\n'
	);
}

describe('zip entries', () => {
	it('reads each entry, stored or deflated, exactly as a full unzip does', () => {
		const zip = zipSync({
			'a.txt': strToU8('hello'),
			'tables/big.jsonl': [strToU8(lines(5000)), { level: 6 }],
			'media/x': [new Uint8Array([1, 2, 3]), { level: 0 }],
			'empty.txt': new Uint8Array()
		});
		const all = unzipSync(zip);
		const directory = zipDirectory(zip);
		expect([...directory.keys()].sort()).toEqual(Object.keys(all).sort());
		for (const [name, entry] of directory) {
			expect(entryBytes(zip, entry), name).toEqual(all[name]);
		}
	});

	it('hands out a large table in several chunks, never the whole text at once', () => {
		const text = strToU8(lines(100_000));
		const zip = zipSync({ 'tables/reviews.jsonl': [text, { level: 1 }] });
		const entry = zipDirectory(zip).get('tables/reviews.jsonl')!;
		expect(entry.compressedSize).toBeGreaterThan(4 * 64 * 1024);
		const sizes: number[] = [];
		const whole = new Uint8Array(text.length);
		for (const chunk of entryChunks(zip, entry)) {
			whole.set(
				chunk,
				sizes.reduce((a, b) => a + b, 0)
			);
			sizes.push(chunk.length);
		}
		expect(Buffer.from(whole).equals(Buffer.from(text))).toBe(true);
		expect(sizes.length).toBeGreaterThan(4);
		expect(Math.max(...sizes)).toBeLessThan(text.length);
	});

	it('a cut or damaged directory or entry is one sentence', () => {
		const zip = zipSync({ 'tables/big.jsonl': strToU8(lines(2000)) });
		expect(() => zipDirectory(zip.slice(0, zip.length - 30))).toThrow(BACKUP_MESSAGES.badZip);
		expect(() => zipDirectory(new Uint8Array(10))).toThrow(BACKUP_MESSAGES.badZip);
		const entry = zipDirectory(zip).get('tables/big.jsonl')!;
		const garbled = zip.slice();
		garbled.fill(0xff, 60, 200);
		expect(() => [...entryChunks(garbled, entry)]).toThrow(BACKUP_MESSAGES.badZip);
		expect(() => entryBytes(zip, { ...entry, size: entry.size + 1 })).toThrow(
			BACKUP_MESSAGES.badZip
		);
	});
});
