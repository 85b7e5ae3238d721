// The bench's import phase: its streams take runs from one queue, longest first: the once-run
// large files, then the often-run files' runs. Every run of every file is in it exactly once, each
// on an origin of its own.
import { describe, expect, it } from 'vitest';
import {
	freshOrigins,
	IMPORT_RUNS,
	importQueue,
	importRunsFor,
	LARGE_IMPORT_RUNS,
	type PlannedFile
} from '../bench/import-plan';

const file = (notes: number, kind: string): PlannedFile & { name: string } => ({
	notes,
	kind,
	name: `bench-${notes}.${kind}`
});

const names = (queue: ReturnType<typeof importQueue<ReturnType<typeof file>>>) =>
	queue.map(({ fixture, run }) => `${fixture.name}#${run}`);

/** The names `names` gives a file's runs 0 to count - 1. */
const runs = (name: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${name}#${i}`);

describe('bench import queue', () => {
	it('starts the large files, the .apkg first, then the small files, longest first', () => {
		const files = [
			file(10_000, 'csv'),
			file(10_000, 'apkg'),
			file(50_000, 'csv'),
			file(50_000, 'apkg')
		];
		const queue = importQueue(files);
		expect(importRunsFor(10_000)).toBe(IMPORT_RUNS);
		expect(importRunsFor(50_000)).toBe(LARGE_IMPORT_RUNS);
		expect(names(queue)).toEqual([
			...runs('bench-50000.apkg', LARGE_IMPORT_RUNS),
			...runs('bench-50000.csv', LARGE_IMPORT_RUNS),
			...runs('bench-10000.apkg', IMPORT_RUNS),
			...runs('bench-10000.csv', IMPORT_RUNS)
		]);
	});

	it('holds every run of every file once, whatever the sizes', () => {
		const files = [
			file(1000, 'csv'),
			file(60_000, 'csv'),
			file(10_000, 'apkg'),
			file(20_000, 'apkg')
		];
		const queue = names(importQueue(files));
		const expected = files.flatMap((f) => runs(f.name, importRunsFor(f.notes)));
		expect([...queue].sort()).toEqual(expected.sort());
		expect(new Set(queue).size).toBe(queue.length);
		expect(importQueue([])).toEqual([]);
	});
});

describe('the import runs’ origins', () => {
	it('gives each run a new origin on the same server', () => {
		const next = freshOrigins();
		const made = [next('http://localhost:4383'), next('http://localhost:4384')];
		made.push(next('http://localhost:4383'));
		expect(made).toEqual([
			'http://import-1.localhost:4383',
			'http://import-2.localhost:4384',
			'http://import-3.localhost:4383'
		]);
	});

	it('refuses an origin it cannot vary, rather than reuse it', () => {
		expect(() => freshOrigins()('http://127.0.0.1:4383')).toThrow(/localhost/);
	});
});
