// The bench's cold starts wait until the origin's IndexedDB files are closed (leveldb-closed.ts),
// so every one opens the database from disk: read from the open descriptors in Linux's /proc.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { levelDbOpen, untilLevelDbClosed } from '../bench/leveldb-closed';

const ORIGIN = 'http://localhost:4999';
let profile: string | undefined;

afterEach(() => {
	if (profile) {
		rmSync(profile, { recursive: true, force: true });
	}
});

/** A process named by `dir` (as Chromium is by its profile) holding the origin's LOG open. */
function holder(dir: string) {
	const leveldb = join(dir, 'Default/IndexedDB/http_localhost_4999.indexeddb.leveldb');
	mkdirSync(leveldb, { recursive: true });
	writeFileSync(join(leveldb, 'LOG'), '');
	const script = `const fd = require('fs').openSync(${JSON.stringify(join(leveldb, 'LOG'))}, 'r'); console.log('open'); setInterval(() => fd, 1000);`;
	const child = spawn(process.execPath, ['-e', script, dir]);
	const opened = new Promise((resolve) => child.stdout.once('data', resolve));
	return { child, opened };
}

describe.runIf(existsSync('/proc/self/fd'))('bench: an origin database closed', () => {
	it('is open while a process of the profile holds one of its files, closed after', async () => {
		profile = mkdtempSync(join(tmpdir(), 'leveldb-closed-'));
		const { child, opened } = holder(profile);
		await opened;
		expect(levelDbOpen(profile, ORIGIN)).toBe(true);
		expect(levelDbOpen(profile, 'http://localhost:4998')).toBe(false);
		expect(levelDbOpen(join(profile, 'other'), ORIGIN)).toBe(false);
		const closed = untilLevelDbClosed(profile, ORIGIN);
		setTimeout(() => child.kill(), 200);
		expect(await closed).toBeGreaterThanOrEqual(150);
		expect(levelDbOpen(profile, ORIGIN)).toBe(false);
	});

	it('gives up with a message when the files stay open', async () => {
		profile = mkdtempSync(join(tmpdir(), 'leveldb-closed-'));
		const { child, opened } = holder(profile);
		await opened;
		try {
			await expect(untilLevelDbClosed(profile, ORIGIN, 200)).rejects.toThrow(
				`${ORIGIN}'s database was still open after 200 ms.`
			);
		} finally {
			child.kill();
		}
	});
});
