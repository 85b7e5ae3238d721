// The bench's per-thread CPU reading (study-cpu-cli.ts): what each thread used between two
// readings, from Linux's /proc, so a slow session says which process held the cores.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuSince, threadCpu } from '../bench/thread-cpu';

describe('bench thread CPU', () => {
	it('keeps the threads that used CPU, largest first, up to the top asked for', () => {
		const before = new Map([
			['browser:ThreadPoolForeg', 100],
			['renderer:chromium', 50],
			['renderer:Compositor', 10]
		]);
		const after = new Map([
			['browser:ThreadPoolForeg', 3100],
			['renderer:chromium', 950],
			['renderer:Compositor', 10],
			['gpu-process:VizCompositorTh', 20]
		]);
		expect(cpuSince(before, after)).toEqual([
			['browser:ThreadPoolForeg', 3000],
			['renderer:chromium', 900],
			['gpu-process:VizCompositorTh', 20]
		]);
		expect(cpuSince(before, after, 1)).toEqual([['browser:ThreadPoolForeg', 3000]]);
	});

	it.runIf(existsSync('/proc/self/task'))('reads the threads of processes named by a path', () => {
		// This test's own process names vitest on its command line; work makes its CPU grow.
		const before = threadCpu('vitest');
		let x = 0;
		const until = Date.now() + 300;
		while (Date.now() < until) {
			x += Math.sqrt(x + 1);
		}
		const after = threadCpu('vitest');
		expect(x).toBeGreaterThan(0);
		expect([...after.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(
			[...before.values()].reduce((a, b) => a + b, 0)
		);
		expect(threadCpu('no such profile directory anywhere').size).toBe(0);
	});
});
