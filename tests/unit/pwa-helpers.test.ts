import { describe, expect, it } from 'vitest';
import { sharedText } from '$lib/pwa/share-inbox';
import { formatBytes, mayBeEvicted } from '$lib/pwa/storage-figures';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		data.append(key, value);
	}
	return data;
}

describe('sharedText', () => {
	it('joins title, text and link in that order', () => {
		expect(
			sharedText(form({ title: 'Notes', text: 'Lenin returned in April.', url: 'https://x.org/a' }))
		).toBe('Notes\nLenin returned in April.\nhttps://x.org/a');
	});

	it('drops empty parts and a link already inside the text', () => {
		expect(
			sharedText(form({ title: ' ', text: 'Read https://x.org/a', url: 'https://x.org/a' }))
		).toBe('Read https://x.org/a');
	});

	it('is undefined when nothing but files was shared', () => {
		expect(sharedText(form({}))).toBeUndefined();
	});
});

describe('formatBytes', () => {
	it.each([
		[0, '0 bytes'],
		[999, '999 bytes'],
		[1536, '1.5 KB'],
		[250_000_000, '250 MB'],
		[12_345_678_901, '12.3 GB']
	])('%d → %s', (bytes, text) => {
		expect(formatBytes(bytes)).toBe(text);
	});
});

describe('mayBeEvicted', () => {
	it('is true only for a tab without persistent storage', () => {
		expect(mayBeEvicted({ persisted: false, installed: false })).toBe(true);
		expect(mayBeEvicted({ persisted: true, installed: false })).toBe(false);
		expect(mayBeEvicted({ persisted: false, installed: true })).toBe(false);
	});
});
