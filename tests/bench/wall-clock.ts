/**
 * A child process whose wall clock alone runs ahead by an offset kept in a file (so it can move
 * mid-run), for compact-collections.ts: the purpose-built LD_PRELOAD shim of wall-clock-shim.c,
 * compiled here with the machine's C compiler, else libfaketime (Debian: `apt install faketime`),
 * which slows Chromium 20-100 × (README, "Bench time").
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { installDebianPackage } from '../../scripts/find-browser.js';

const SHIM_SOURCE = 'tests/bench/wall-clock-shim.c';
const SHIM_CACHE = 'tests/.results/wall-clock-shim';
const COMPILERS = [process.env.CC, 'cc', 'gcc', 'clang'];
const LIBFAKETIME = [
	process.env.BENCH_FAKETIME,
	'/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
	'/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
	'/usr/local/lib/faketime/libfaketime.so.1',
	'/usr/lib/faketime/libfaketime.so.1'
];

export interface WallClock {
	/** What moves the clock, for the log. */
	name: string;
	/** The environment variables that give a child process the clock of the offset file. */
	env(offsetFile: string): Record<string, string>;
}

/** The first C compiler that runs, or undefined. */
export function cCompiler(): string | undefined {
	return COMPILERS.find(
		(cc): cc is string => !!cc && spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0
	);
}

/**
 * The shim's shared object, compiled once per version of its source (cached under `cacheDir`):
 * its path, or why there is none.
 */
export function buildWallClockShim(
	cacheDir = SHIM_CACHE
): { library: string } | { problem: string } {
	const source = readFileSync(SHIM_SOURCE);
	const dir = `${cacheDir}/${createHash('sha256').update(source).digest('hex').slice(0, 16)}`;
	const library = `${dir}/wall-clock-shim.so`;
	if (existsSync(library)) {
		return { library };
	}
	const cc = cCompiler();
	if (!cc) {
		return { problem: 'no C compiler (cc, gcc, clang or CC=<path>)' };
	}
	mkdirSync(dir, { recursive: true });
	// Built beside and then renamed, so a run beside this one never loads half a file.
	const building = `${library}.${process.pid}`;
	const args = ['-O2', '-shared', '-fPIC', '-o', building, SHIM_SOURCE, '-ldl'];
	const built = spawnSync(cc, args, { encoding: 'utf8' });
	if (built.status !== 0) {
		return { problem: `${cc} ${args.join(' ')} failed: ${built.stderr.trim()}` };
	}
	renameSync(building, library);
	return { library };
}

function shim(library: string): WallClock {
	return {
		name: `wall-clock shim (${library})`,
		env: (offsetFile) => ({ LD_PRELOAD: library, WALL_CLOCK_OFFSET_FILE: offsetFile })
	};
}

function libfaketime(library: string): WallClock {
	return {
		name: `libfaketime (${library})`,
		env: (offsetFile) => ({
			LD_PRELOAD: library,
			FAKETIME_TIMESTAMP_FILE: offsetFile,
			FAKETIME_CACHE_DURATION: '1',
			// Timers run on the monotonic clock: Chromium's 2 s and 60 s stay real.
			FAKETIME_DONT_FAKE_MONOTONIC: '1'
		})
	};
}

function faketimeLibrary(): string | undefined {
	return LIBFAKETIME.find((path): path is string => !!path && existsSync(path));
}

/**
 * The shim, else libfaketime (installed first when missing and this is Debian as root, as
 * Chromium is); undefined when neither can be had.
 */
export function wallClock(log: (message: string) => void): WallClock | undefined {
	const built = buildWallClockShim();
	if ('library' in built) {
		return shim(built.library);
	}
	log(`no wall-clock shim: ${built.problem}; trying libfaketime`);
	const library =
		faketimeLibrary() ?? (installDebianPackage('faketime') ? faketimeLibrary() : undefined);
	return library ? libfaketime(library) : undefined;
}

/** Writes the offset (whole seconds, as both libraries read it) that makes the clock show `at`. */
export function setClock(offsetFile: string, at: number): void {
	const seconds = Math.round((at - Date.now()) / 1000);
	writeFileSync(offsetFile, `${seconds < 0 ? '' : '+'}${seconds}\n`);
}
