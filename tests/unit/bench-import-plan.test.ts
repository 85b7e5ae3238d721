// The bench's import phase runs in two streams side by side: the files run five times (up to 10k
// notes) and those run once. Every file must land in exactly one stream, with its own run count.
import { describe, expect, it } from 'vitest';
import { IMPORT_RUNS, importRunsFor, importStreams, LARGE_IMPORT_RUNS } from '../bench/import-plan';

describe('bench import streams', () => {
	it('splits the default sizes into the often-run and the once-run files', () => {
		expect(importStreams([10_000, 50_000])).toEqual([[10_000], [50_000]]);
		expect(importRunsFor(10_000)).toBe(IMPORT_RUNS);
		expect(importRunsFor(50_000)).toBe(LARGE_IMPORT_RUNS);
	});

	it('keeps every size once, in order, and makes no empty stream', () => {
		expect(importStreams([1000, 60_000, 10_000, 20_000])).toEqual([
			[1000, 10_000],
			[60_000, 20_000]
		]);
		expect(importStreams([1000, 5000])).toEqual([[1000, 5000]]);
		expect(importStreams([50_000])).toEqual([[50_000]]);
		expect(importStreams([])).toEqual([]);
	});
});
