// The restore the bench's backup export is compared with (restore-baseline.ts): the one that made
// the collection, in this run or, from the cache, only when it ran on the same Chromium, restore
// code and machine; else the backup is restored again. The table says which.
import { describe, expect, it } from 'vitest';
import type { ExportRun } from '../bench/measures/export';
import {
	chooseRestoreBaseline,
	describeBaseline,
	type RestoreTiming,
	type TimedWith
} from '../bench/restore-baseline';
import { importTimes } from '../bench/verdicts';

const now: TimedWith = { chromium: '150.0.1', restoreCode: 'abc', machine: 'box, 2 × Xeon' };
const madeAt = Date.UTC(2026, 11, 1, 14, 5);
const timing: RestoreTiming = { ms: 300_000, madeAt, load: 9.5, timedWith: now };
const choose = (over: Partial<Parameters<typeof chooseRestoreBaseline>[0]>) =>
	chooseRestoreBaseline({
		exportRuns: 1,
		generatedThisRun: false,
		timing,
		current: now,
		...over
	});

describe('bench restore baseline', () => {
	it('uses the restore that made the collection in this run', () => {
		expect(choose({ generatedThisRun: true })).toEqual({
			use: 'this run',
			ms: 300_000,
			madeAt,
			load: 9.5
		});
	});

	it('reuses a cached restore timed on the same browser, code and machine, flagged', () => {
		const baseline = choose({});
		expect(baseline).toMatchObject({ use: 'earlier run', ms: 300_000 });
		expect(describeBaseline(baseline)).toBe(
			'the restore that made the collection in an earlier run (2026-12-01 14:05 UTC, load 9.5; same Chromium, restore code and machine), not this run'
		);
	});

	it('restores again when anything the cached restore ran with differs', () => {
		for (const key of ['chromium', 'restoreCode', 'machine'] as const) {
			const baseline = choose({ current: { ...now, [key]: 'other' } });
			expect(baseline.use).toBe('measure');
			expect(describeBaseline(baseline)).toContain(`${key} ${now[key]} then, other now`);
		}
		expect(choose({ timing: { ...timing, timedWith: undefined } }).use).toBe('measure');
		expect(choose({ timing: undefined, generatedThisRun: true }).use).toBe('measure');
		// Five export runs restore five backups: one generation restore cannot stand for them.
		expect(choose({ exportRuns: 5, generatedThisRun: true }).use).toBe('measure');
	});

	it('compares every export with the chosen restore, and names it', () => {
		const run = (kind: ExportRun['kind'], importMs?: number): ExportRun => ({
			kind,
			exportMs: 60_000,
			importMs,
			bytes: 1,
			heapPeak: 1,
			heapHeldPeak: 1,
			heapHeldPage: 1
		});
		const cached = choose({});
		const exports = {
			cards: 100_000,
			runs: { backup: [run('backup')], 'deck-json': [run('deck-json')] },
			restoreBaseline: cached
		};
		const times = importTimes(exports, exports.runs['deck-json']);
		expect(times.times).toEqual([300_000]);
		expect(times.importedBy).toContain('in an earlier run');
		// Restored in this run: that restore is the baseline.
		const measured = {
			...exports,
			runs: { backup: [run('backup', 200_000)], 'deck-json': [run('deck-json')] },
			restoreBaseline: choose({ exportRuns: 2 })
		};
		expect(importTimes(measured, measured.runs['deck-json']).times).toEqual([200_000]);
		expect(importTimes(measured, measured.runs.backup).importedBy).toBeUndefined();
	});
});
