// `npm run deck -- inspect` runs the same importer in Node: JSON on stdout for a good file, and
// for a bad one exit status 1 with the app's one-line message on stderr.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '$lib/domain/import/errors';
import { runDeckCli } from '../deck-cli';
import { FIXTURES } from './import-helpers';

const inspect = (file: string) => runDeckCli('inspect', file);

describe('deck inspect CLI', () => {
	it('prints the report of an Anki 23 package', () => {
		const run = inspect(FIXTURES + 'apkgparser-latest-anki21b-media.apkg');
		expect(run.code).toBe(0);
		const report = JSON.parse(run.stdout);
		expect(report).toMatchObject({
			format: 'apkg-anki21b',
			notes: 5,
			cards: 6,
			decks: [{ name: 'Test deck', notes: 5, cards: 6 }],
			media: 2,
			reviews: 23
		});
		expect(report.noteTypes).toContainEqual({
			name: 'Cloze',
			kind: 'cloze',
			fields: ['Text', 'Back Extra']
		});
	}, 30_000);

	it('exits 1 with one sentence for a truncated package', () => {
		const dir = mkdtempSync(join(tmpdir(), 'engram-inspect-'));
		const file = join(dir, 'broken.apkg');
		writeFileSync(file, 'PK\u0003\u0004 truncated');
		const run = inspect(file);
		expect(run.code).toBe(1);
		expect(run.stdout).toBe('');
		expect(run.stderr).toBe(MESSAGES.badZip);
	}, 30_000);
});
