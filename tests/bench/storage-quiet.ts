/**
 * Waits until the browser's storage work has stopped before a timed write starts, so an import
 * and its baseline each start on a quiet IndexedDB, neither paying for the other's leftovers.
 *
 * Chromium does IndexedDB's LevelDB work on the browser process's thread pool, part of it in the
 * background after the request that caused it: the clean-up of each transaction's undo log, of a
 * deleted database's keys, compactions. The import runs delete the last run's databases just
 * before the next import, so that clean-up ran inside the next import's timed window (and an
 * import's own clean-up inside its baseline's): after a 10k-note CSV run, 1.2 s of the pool's CPU
 * (12 s of wall time at load 25) before the next import (tests/bench/import-cli.ts). The pool
 * threads' CPU (Linux /proc; elsewhere no wait) says when that work is done.
 */
import { threadCpu } from './thread-cpu';

const POLL_MS = 250;

export interface QuietOptions {
	/** How long the threads must stay (nearly) idle. */
	quietMs?: number;
	/** CPU they may use meanwhile (the clock ticks are 10 ms). */
	idleCpuMs?: number;
	/** Gives up after this long (a machine this loaded measures nothing well anyway). */
	maxMs?: number;
}

/** A reading of the storage threads' CPU: [when (ms), CPU used so far (ms)]. */
export type CpuSample = [at: number, cpuMs: number];

/**
 * Whether the samples (oldest first, the last one now) show the threads quiet for the whole of
 * the last `quietMs`: measured from the newest sample taken at or before the window's start, so
 * CPU used between that sample and the next still counts. False until the samples span it.
 */
export function quietSince(
	samples: readonly CpuSample[],
	{ quietMs, idleCpuMs }: { quietMs: number; idleCpuMs: number }
): boolean {
	const [now, cpu] = samples.at(-1) ?? [0, 0];
	const from = samples.findLast(([at]) => at <= now - quietMs);
	return from !== undefined && cpu - from[1] <= idleCpuMs;
}

/** Where storageQuiet reads the CPU and the time (tests give fakes). */
export interface QuietClock {
	/** The storage threads' CPU so far; undefined when it cannot be read (no /proc). */
	cpu(): number | undefined;
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** CPU ms the browser process's pool threads (where IndexedDB runs) have used so far. */
function storageCpu(profileDir: string): number | undefined {
	const cpu = threadCpu(profileDir);
	if (cpu.size === 0) {
		return undefined;
	}
	let sum = 0;
	for (const [key, ms] of cpu) {
		if (key.startsWith('browser:ThreadPool')) {
			sum += ms;
		}
	}
	return sum;
}

export const procClock = (profileDir: string): QuietClock => ({
	cpu: () => storageCpu(profileDir),
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
});

/**
 * Resolves with the ms waited once the storage threads of the browser on `profileDir` (or those
 * `clock` reads) have been quiet for `quietMs`, or `maxMs` has passed; 0 when nothing can be read.
 */
export async function storageQuiet(
	profileDir: string | QuietClock,
	{ quietMs = 1000, idleCpuMs = 30, maxMs = 30_000 }: QuietOptions = {}
): Promise<number> {
	const clock = typeof profileDir === 'string' ? procClock(profileDir) : profileDir;
	const started = clock.now();
	const samples: CpuSample[] = [];
	for (;;) {
		const cpu = clock.cpu();
		const now = clock.now();
		if (cpu === undefined) {
			return 0;
		}
		samples.push([now, cpu]);
		if (quietSince(samples, { quietMs, idleCpuMs }) || now - started >= maxMs) {
			return now - started;
		}
		await clock.sleep(POLL_MS);
	}
}
