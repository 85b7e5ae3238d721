import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { untilImportsEnded } from '../bench/imports-ended';

describe('waiting for the import process', () => {
	it('waits until the exit file appears, then gives its code and removes it', async () => {
		const file = join(mkdtempSync(join(tmpdir(), 'engram-imports-')), 'exit.json');
		let ended: number | undefined;
		const waiting = untilImportsEnded(file, 5).then((code) => (ended = code));
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(ended).toBeUndefined();
		writeFileSync(file, JSON.stringify({ code: 3 }));
		expect(await waiting).toBe(3);
		expect(existsSync(file)).toBe(false);
	});
});
