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

/** Resolves with the ms waited once the storage threads have been quiet for `quietMs`. */
export async function storageQuiet(
	profileDir: string,
	{ quietMs = 1000, idleCpuMs = 30, maxMs = 30_000 }: QuietOptions = {}
): Promise<number> {
	const started = Date.now();
	const samples: [number, number][] = [];
	for (;;) {
		const cpu = storageCpu(profileDir);
		const now = Date.now();
		if (cpu === undefined) {
			return 0;
		}
		samples.push([now, cpu]);
		const from = samples.find(([at]) => now - at <= quietMs);
		const spanned = samples[0]![0] <= now - quietMs;
		if (spanned && from && cpu - from[1] <= idleCpuMs) {
			return now - started;
		}
		if (now - started >= maxMs) {
			return now - started;
		}
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
}
