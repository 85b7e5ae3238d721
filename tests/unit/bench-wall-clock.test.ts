// The bench moves Chromium's wall clock ahead so its close-time upkeep compacts the generated
// collections (compact-collections.ts), with a small LD_PRELOAD shim (wall-clock-shim.c) built
// here with the machine's C compiler: a child process under it sees the wall clock moved by the
// offset file (gettimeofday and clock_gettime alike), follows a change of the file, keeps the
// real monotonic clock, and takes gettimeofday's null arguments as glibc does.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWallClockShim, cCompiler } from '../bench/wall-clock';

const compiler = cCompiler();
const DAY_MS = 86_400_000;

interface Sample {
	wall: number;
	/** process.hrtime in ns: CLOCK_MONOTONIC, the same for every process. */
	monotonic: bigint;
}

/** A Node child that answers each line with its Date.now() (gettimeofday) and hrtime. */
function clockChild(env: Record<string, string>) {
	const script = `require('readline').createInterface({ input: process.stdin }).on('line', () =>
		console.log(Date.now() + ' ' + process.hrtime.bigint()));`;
	const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
	const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
	return {
		child,
		/** The child's clocks, bracketed by this process's before and after. */
		async sample(): Promise<{ before: Sample; child: Sample; after: Sample }> {
			const before = { wall: Date.now(), monotonic: process.hrtime.bigint() };
			child.stdin.write('\n');
			const [wall, monotonic] = ((await lines.next()).value as string).split(' ');
			const after = { wall: Date.now(), monotonic: process.hrtime.bigint() };
			return { before, child: { wall: Number(wall), monotonic: BigInt(monotonic!) }, after };
		}
	};
}

/** The child's wall clock runs `offset` ms ahead of this one's; its monotonic clock is this one's. */
function expectOffset(
	sample: Awaited<ReturnType<ReturnType<typeof clockChild>['sample']>>,
	offset: number
) {
	expect(sample.child.wall).toBeGreaterThanOrEqual(sample.before.wall + offset);
	expect(sample.child.wall).toBeLessThanOrEqual(sample.after.wall + offset);
	expect(sample.child.monotonic).toBeGreaterThanOrEqual(sample.before.monotonic);
	expect(sample.child.monotonic).toBeLessThanOrEqual(sample.after.monotonic);
}

describe.skipIf(!compiler)(
	compiler
		? `bench: the wall-clock shim (built with ${compiler})`
		: 'bench: the wall-clock shim — SKIPPED: no C compiler (cc, gcc, clang or CC) to build it',
	() => {
		let dir: string;
		let env: Record<string, string>;
		let running: ChildProcessWithoutNullStreams | undefined;

		beforeAll(() => {
			dir = mkdtempSync(join(tmpdir(), 'wall-clock-shim-'));
			const built = buildWallClockShim(join(dir, 'cache'));
			if (!('library' in built)) {
				throw new Error(built.problem);
			}
			env = { LD_PRELOAD: built.library, WALL_CLOCK_OFFSET_FILE: join(dir, 'offset') };
		});

		afterAll(() => {
			running?.kill();
			rmSync(dir, { recursive: true, force: true });
		});

		it("moves gettimeofday by the file's offset, follows the file, and leaves the monotonic clock", async () => {
			writeFileSync(env.WALL_CLOCK_OFFSET_FILE!, '+86400.25\n');
			const clocks = clockChild(env);
			running = clocks.child;
			expectOffset(await clocks.sample(), DAY_MS + 250);

			writeFileSync(env.WALL_CLOCK_OFFSET_FILE!, '-3600\n');
			// The file is re-read at most once a second: the clock follows within a few.
			let sample = await clocks.sample();
			for (let tries = 0; sample.child.wall > sample.after.wall && tries < 50; tries += 1) {
				await new Promise((resolve) => setTimeout(resolve, 100));
				sample = await clocks.sample();
			}
			expectOffset(sample, -3_600_000);
		});

		it('takes a null timeval or timezone as glibc does (no crash)', () => {
			// Chromium passes a timezone; other callers may pass no timeval.
			const program = join(dir, 'null-timeval');
			const source = `${program}.c`;
			writeFileSync(
				source,
				`#include <stdio.h>
#include <sys/time.h>
int main(int argc, char **argv) {
	struct timeval tv;
	struct timezone tz;
	struct timeval *none = argc > 5 ? &tv : NULL;
	if (gettimeofday(none, &tz) != 0 || gettimeofday(&tv, NULL) != 0) return 1;
	printf("%lld\\n", (long long)tv.tv_sec * 1000 + tv.tv_usec / 1000);
	return 0;
}
`
			);
			expect(spawnSync(compiler!, ['-o', program, source]).status).toBe(0);
			writeFileSync(env.WALL_CLOCK_OFFSET_FILE!, '+86400\n');
			const before = Date.now();
			const run = spawnSync(program, { env: { ...process.env, ...env }, encoding: 'utf8' });
			const after = Date.now();
			expect({ signal: run.signal, status: run.status }).toEqual({ signal: null, status: 0 });
			expect(Number(run.stdout)).toBeGreaterThanOrEqual(before + DAY_MS);
			expect(Number(run.stdout)).toBeLessThanOrEqual(after + DAY_MS);
		});

		it('moves clock_gettime(CLOCK_REALTIME) too (`date`)', () => {
			writeFileSync(env.WALL_CLOCK_OFFSET_FILE!, '+86400\n');
			const before = Date.now();
			const date = spawnSync('date', ['+%s%3N'], {
				env: { ...process.env, ...env },
				encoding: 'utf8'
			});
			const after = Date.now();
			const wall = Number(date.stdout.trim());
			expect(wall).toBeGreaterThanOrEqual(before + DAY_MS);
			expect(wall).toBeLessThanOrEqual(after + DAY_MS);
		});
	}
);
