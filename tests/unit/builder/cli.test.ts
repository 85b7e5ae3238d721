// The `npm run deck -- build` command, run as a person would: real files in, a deck file out,
// and one-line errors with a non-zero exit for bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeckJson } from '$lib/domain/deck-file';
import { runDeckCli } from '../deck-cli';

const root = new URL('../../../', import.meta.url).pathname;
const passage = join(root, '../shared/seed/passage.txt');
const tmp = mkdtempSync(join(tmpdir(), 'engram-deck-build-'));

const deck = (...args: string[]) => runDeckCli('build', ...args);

describe('npm run deck -- build', { timeout: 60_000 }, () => {
	it('writes a valid deck to --out with the given title', () => {
		const out = join(tmp, 'deck.json');
		const run = deck(passage, '--out', out, '--title', 'October 1917');
		expect(run.code).toBe(0);
		const file = parseDeckJson(readFileSync(out, 'utf8'));
		expect(file.name).toBe('October 1917');
		expect(file.notes.length).toBeGreaterThan(40);
		expect(run.stderr).toBe(`Wrote ${file.notes.length} notes to ${out}`);
	});

	it('writes to stdout without --out', () => {
		const run = deck(passage);
		expect(run.code).toBe(0);
		expect(parseDeckJson(run.stdout).name).toBe('passage');
	});

	it('refuses a missing file, an empty file and a binary file with one line', () => {
		const empty = join(tmp, 'empty.txt');
		writeFileSync(empty, ' \n\t\n');
		const binary = join(tmp, 'image.txt');
		writeFileSync(binary, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
		const cases = [
			[join(tmp, 'nope.txt'), 'no such file.'],
			[empty, 'The passage is empty: there is no text to build cards from.'],
			[binary, 'This is not a text file: it contains binary data.']
		];
		for (const [path, message] of cases) {
			const run = deck(path!);
			expect(run.code).toBe(1);
			expect(run.stderr).toBe(`${path}: ${message}`);
			expect(run.stdout).toBe('');
		}
	});
});
