// The bench's wait for a quiet IndexedDB (storage-quiet.ts): an import or a baseline starts only
// once the browser's storage threads have used (almost) no CPU for a whole second, read from fake
// CPU samples here (the bench reads /proc).
import { describe, expect, it } from 'vitest';
import { quietSince, storageQuiet, type CpuSample, type QuietClock } from '../bench/storage-quiet';

const RULE = { quietMs: 1000, idleCpuMs: 30 };

/** A clock whose CPU reading at each poll comes from `cpuAt(ms since start)`. */
function fakeClock(cpuAt: (ms: number) => number | undefined): QuietClock & { polls: number } {
	let now = 0;
	const clock = {
		polls: 0,
		cpu: () => {
			clock.polls += 1;
			return cpuAt(now);
		},
		now: () => now,
		sleep: async (ms: number) => {
			now += ms;
		}
	};
	return clock;
}

describe('bench storage quiet', () => {
	it('is not quiet before the samples span the whole window', () => {
		const samples: CpuSample[] = [
			[0, 500],
			[250, 500],
			[500, 500],
			[750, 500]
		];
		expect(quietSince(samples, RULE)).toBe(false);
		expect(quietSince([...samples, [1000, 500]], RULE)).toBe(true);
	});

	it('allows a few clock ticks of CPU in the window, not more', () => {
		expect(
			quietSince(
				[
					[0, 500],
					[500, 520],
					[1000, 530]
				],
				RULE
			)
		).toBe(true);
		expect(
			quietSince(
				[
					[0, 500],
					[500, 520],
					[1000, 540]
				],
				RULE
			)
		).toBe(false);
	});

	it('counts the CPU used just after the window opened, between two polls', () => {
		// Polls drift: at 1010 the window starts at 10, and the work done between the poll at 0 and
		// the one at 260 may have run after 10. It counts: the threads were not quiet for a second.
		const samples: CpuSample[] = [
			[0, 500],
			[260, 700],
			[510, 700],
			[760, 700],
			[1010, 700]
		];
		expect(quietSince(samples, RULE)).toBe(false);
		expect(quietSince([...samples, [1260, 700]], RULE)).toBe(true);
	});

	it('forgets CPU used before the window', () => {
		const samples: CpuSample[] = [
			[0, 0],
			[250, 900],
			[500, 1800],
			[750, 1800],
			[1000, 1800],
			[1250, 1800],
			[1500, 1800]
		];
		expect(quietSince(samples.slice(0, 6), RULE)).toBe(false);
		expect(quietSince(samples, RULE)).toBe(true);
	});

	it('waits while the threads work, and returns once they have been idle a second', async () => {
		// Busy (100 ms of CPU every 250 ms) for the first 2 s, then idle.
		const clock = fakeClock((ms) => Math.min(ms, 2000) * 0.4);
		expect(await storageQuiet(clock, RULE)).toBe(3000);
	});

	it('returns at once when the threads are already idle, after one window', async () => {
		expect(
			await storageQuiet(
				fakeClock(() => 42),
				RULE
			)
		).toBe(1000);
	});

	it('gives up after maxMs, and does not wait where CPU cannot be read', async () => {
		const busy = fakeClock((ms) => ms);
		expect(await storageQuiet(busy, { ...RULE, maxMs: 5000 })).toBe(5000);
		const none = fakeClock(() => undefined);
		expect(await storageQuiet(none, RULE)).toBe(0);
		expect(none.polls).toBe(1);
	});
});
