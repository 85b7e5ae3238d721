import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheRoot, prune, publish, scratchDir } from '../bench/template-cache';

const DAY = 86_400_000;

function made(dir: string, content: string): string {
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'collections.json'), content);
	return dir;
}

describe('the bench collections cache', () => {
	it('lives in the user cache, not in the clone, unless BENCH_CACHE_DIR says where', () => {
		expect(cacheRoot({ BENCH_CACHE_DIR: '/x/y' })).toBe('/x/y');
		expect(cacheRoot({ XDG_CACHE_HOME: '/c' })).toBe('/c/engram-bench/collections');
		expect(cacheRoot({})).toMatch(/\.cache\/engram-bench\/collections$/);
	});

	it('publishes a finished template by renaming its scratch directory', () => {
		const root = mkdtempSync(join(tmpdir(), 'engram-cache-'));
		const scratch = made(scratchDir(root, 'abc'), 'mine');
		publish(scratch, join(root, 'abc'));
		expect(readFileSync(join(root, 'abc', 'collections.json'), 'utf8')).toBe('mine');
		expect(existsSync(scratch)).toBe(false);
	});

	it('keeps the template another run published first and drops its own copy', () => {
		const root = mkdtempSync(join(tmpdir(), 'engram-cache-'));
		made(join(root, 'abc'), 'theirs');
		const scratch = made(scratchDir(root, 'abc'), 'mine');
		publish(scratch, join(root, 'abc'));
		expect(readFileSync(join(root, 'abc', 'collections.json'), 'utf8')).toBe('theirs');
		expect(existsSync(scratch)).toBe(false);
	});

	it('prunes stale templates and abandoned scratch directories, never the one in use', () => {
		const root = mkdtempSync(join(tmpdir(), 'engram-cache-'));
		const now = Date.now();
		const old = (dir: string) => {
			made(dir, '{}');
			const then = new Date(now - 4 * DAY);
			utimesSync(dir, then, then);
			return dir;
		};
		old(join(root, 'stale'));
		old(join(root, 'inuse'));
		old(join(root, 'x.making-1-2'));
		made(join(root, 'fresh'), '{}');
		const removed = prune(root, join(root, 'inuse'), 3 * DAY, now);
		expect(removed.sort()).toEqual(['stale', 'x.making-1-2']);
		expect(existsSync(join(root, 'inuse'))).toBe(true);
		expect(existsSync(join(root, 'fresh'))).toBe(true);
	});
});
