import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SelfCheckRun } from '../bench/page/self-check';
import {
	harnessBrokenMessage,
	reportBrokenHarness,
	SELF_CHECK_ATTEMPTS,
	selfCheckAttempts,
	selfCheckRatio,
	takeSelfCheckFile
} from '../bench/self-check-run';

/** Five rounds whose single-record writes take `ratio` times the batched one. */
const rounds = (ratio: number): SelfCheckRun[] =>
	Array.from({ length: 5 }, () => ({ single: 40 * ratio, batched: 40 }));

function scripted(ratios: number[]) {
	const pauses: number[] = [];
	let calls = 0;
	const attempt = async () => rounds(ratios[calls++]!);
	const pause = async (ms: number) => {
		pauses.push(ms);
	};
	return { attempt, pause, pauses, calls: () => calls };
}

describe('the harness self-check', () => {
	it('passes at the first attempt at ten times or more, and runs no other', async () => {
		const run = scripted([12]);
		const check = await selfCheckAttempts(run.attempt, () => {}, run.pause);
		expect(check).toMatchObject({ ok: true, ratio: 12 });
		expect(run.calls()).toBe(1);
		expect(run.pauses).toEqual([0]);
	});

	it('tries again after growing pauses and keeps every attempt', async () => {
		const run = scripted([8, 9.5, 11]);
		const logged: string[] = [];
		const check = await selfCheckAttempts(run.attempt, (m) => logged.push(m), run.pause);
		expect(check.ok).toBe(true);
		expect(check.ratio).toBe(11);
		expect(check.attempts.map(selfCheckRatio)).toEqual([8, 9.5, 11]);
		expect(run.pauses[1]).toBeGreaterThan(0);
		expect(run.pauses[2]).toBeGreaterThan(run.pauses[1]!);
		expect(logged).toEqual([
			'self-check attempt 1: only 8.0 ×',
			'self-check attempt 2: only 9.5 ×'
		]);
	});

	it('fails a harness that never reaches ten times, after every attempt', async () => {
		const run = scripted(Array(SELF_CHECK_ATTEMPTS).fill(1.2));
		const check = await selfCheckAttempts(run.attempt, () => {}, run.pause);
		expect(check.ok).toBe(false);
		expect(check.ratio).toBeCloseTo(1.2);
		expect(check.attempts).toHaveLength(SELF_CHECK_ATTEMPTS);
		expect(harnessBrokenMessage(check)).toContain('only 1.2 × slower');
		const out = join(mkdtempSync(join(tmpdir(), 'engram-self-check-')), 'results.json');
		expect(reportBrokenHarness(check, out)).toContain(`only 1.2 × slower`);
		expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ harnessBroken: true });
	});

	it('hands over the result left by the run before the build once, then nothing', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'engram-self-check-')), 'check.json');
		expect(takeSelfCheckFile(file)).toBeUndefined();
		expect(takeSelfCheckFile(undefined)).toBeUndefined();
		const check = { runs: rounds(11), ratio: 11, ok: true, attempts: [rounds(11)] };
		writeFileSync(file, JSON.stringify({ check, seconds: 6.5 }));
		expect(takeSelfCheckFile(file)).toEqual({ check, seconds: 6.5 });
		expect(existsSync(file)).toBe(false);
	});
});
