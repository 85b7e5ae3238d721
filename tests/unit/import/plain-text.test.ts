// Plain CSV and TSV as other tools write them: a BOM and CRLF line ends (Excel), quoted fields
// holding the delimiter, quotes and line breaks, a guessed delimiter, a header row or none, and
// Quizlet's export (term TAB definition, one per line, no header).
import { describe, expect, it } from 'vitest';
import { parse } from './import-helpers';

const text = (s: string) => new TextEncoder().encode(s);

describe('plain CSV and TSV', () => {
	it('BOM, CRLF, a header row, and quoted fields with commas, quotes and line breaks', async () => {
		const csv =
			'\uFEFFFront,Back\r\n' +
			'"Capital of France","Paris,\r\non the Seine"\r\n' +
			'"Say ""bonjour""",hello\r\n';
		const bundle = await parse('excel.csv', text(csv));
		expect(bundle.format).toBe('csv');
		expect(bundle.skipped).toEqual([]);
		const fields = bundle.notes.map((n) => n.fields);
		expect(fields).toHaveLength(2);
		expect(fields[0]!.Front).toBe('Capital of France');
		expect(fields[0]!.Back).toMatch(/^Paris,(<br>|\r?\n)on the Seine$/);
		expect(fields[1]).toMatchObject({ Front: 'Say "bonjour"', Back: 'hello' });
	});

	it('a semicolon-separated file with no header: the delimiter is found, every row is a note', async () => {
		const bundle = await parse('words.csv', text('chien;dog\nchat;cat\noiseau;bird\n'));
		expect(bundle.notes.map((n) => [n.fields.Front, n.fields.Back])).toEqual([
			['chien', 'dog'],
			['chat', 'cat'],
			['oiseau', 'bird']
		]);
	});

	it('a Quizlet export (term TAB definition) imports as front and back', async () => {
		const bundle = await parse('Quizlet.txt', text('der Hund\tthe dog\r\ndie Katze\tthe cat\r\n'));
		expect(bundle.format).toBe('tsv');
		expect(bundle.notes.map((n) => [n.fields.Front, n.fields.Back])).toEqual([
			['der Hund', 'the dog'],
			['die Katze', 'the cat']
		]);
		expect(bundle.decks.map((d) => d.name)).toEqual(['Quizlet']);
	});
});
