/**
 * CPU time of every thread of a Chromium launched on a profile directory, from Linux's /proc
 * (empty elsewhere). A study session's grade → paint tail on 2 cores depends on what else the
 * browser runs meanwhile: the renderer's main thread does the app's work, the browser process's
 * thread pool does IndexedDB's (LevelDB reads, decompression, compaction).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Milliseconds of CPU (user + system) by `type:thread name`, summed over processes. */
export type ThreadCpu = Map<string, number>;

function read(path: string): string | undefined {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined; // The process or thread ended meanwhile.
	}
}

function addThreads(pid: string, type: string, into: ThreadCpu): void {
	let tids: string[];
	try {
		tids = readdirSync(`/proc/${pid}/task`);
	} catch {
		return; // The process ended meanwhile.
	}
	for (const tid of tids) {
		const stat = read(`/proc/${pid}/task/${tid}/stat`);
		if (stat) {
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			// Fields after the name: utime and stime are the 12th and 13th, in clock ticks (10 ms).
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const key = `${type}:${name}`;
			into.set(key, (into.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10);
		}
	}
}

/** Every thread of the processes whose command line names `profileDir`. */
export function threadCpu(profileDir: string): ThreadCpu {
	const cpu: ThreadCpu = new Map();
	if (!existsSync('/proc/self/task')) {
		return cpu;
	}
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		const command = read(`/proc/${pid}/cmdline`);
		if (command?.includes(profileDir)) {
			addThreads(pid, /--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser', cpu);
		}
	}
	return cpu;
}

/** What each thread used between two readings, largest first, the `top` of them. */
export function cpuSince(before: ThreadCpu, after: ThreadCpu, top = 6): [string, number][] {
	return [...after]
		.map(([key, ms]): [string, number] => [key, ms - (before.get(key) ?? 0)])
		.filter(([, ms]) => ms > 0)
		.sort((a, b) => b[1] - a[1])
		.slice(0, top);
}
