// The bench's import verdicts (verdicts.ts): each file's ratio is the median over its timed runs,
// the traced one among them (the first of each file up to 10k notes, measures/import.ts); its
// trace judges the longest main-thread task, the Long Tasks API's figure covers every run.
import { describe, expect, it } from 'vitest';
import type { ImportRun, ImportTrace } from '../bench/measures/import';
import { importRows } from '../bench/verdicts';

const run = (importMs: number, baselineMs: number): ImportRun => ({
	fixture: 'bench-10000.csv',
	importMs,
	baselineMs,
	records: 30_000,
	longestTaskMs: 0,
	steps: {}
});

const trace: ImportTrace = {
	fixture: 'bench-10000.csv',
	importMs: 14_000,
	longestTaskMs: 120,
	mainThread: { longestWallMs: 140, longestCpuMs: 40, overFiftyMs: 2 },
	steps: {}
};

describe('bench import rows', () => {
	it('takes the ratio over the timed runs and the longest task from the traced one', () => {
		const traced = { ...run(14_000, 10_000), longestTaskMs: trace.longestTaskMs };
		const runs = [run(10_000, 10_000), run(12_000, 10_000), traced];
		const [file, longest] = importRows({ 'bench-10000.csv': runs }, [trace]);
		expect(file!.measure).toBe('Import bench-10000.csv (3 runs)');
		expect(file!.ratio).toBeCloseTo(1.2);
		expect(file!.figure).toBe('12000.0 ms');
		expect(longest!.figure).toBe('40.0 ms');
		expect(longest!.pass).toBe(true);
		// The Long Tasks API's figure covers every import, the traced one too.
		expect(longest!.baseline).toContain('Long Tasks API over every import 120.0 ms');
	});

	it('judges by the Long Tasks API when nothing was traced', () => {
		const [, longest] = importRows({ 'bench-50000.csv': [run(60_000, 50_000)] });
		expect(longest!.measure).toBe('Longest main-thread task during any import');
		expect(longest!.figure).toBe('none over 50 ms');
	});
});
