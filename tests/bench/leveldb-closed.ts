/**
 * Whether Chromium still holds an origin's IndexedDB files open, read from Linux's /proc (the
 * file descriptors of the processes launched on a profile). A cold start must find its database
 * closed, so it opens it from disk: `--idb-expedite-backing-store-shutdown` closes a database as
 * soon as its last connection goes, but a closed page's connection goes only when its renderer
 * has torn down, which on a loaded machine can come after the next page's open. Then that open
 * was a warm one, by chance (README, "Why a fresh large collection opened slowly").
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

function read(path: string, as: (path: string) => string): string | undefined {
	try {
		return as(path);
	} catch {
		return undefined; // The process or descriptor ended meanwhile.
	}
}

/** Whether a process launched on `profileDir` has a file of `origin`'s IndexedDB open. */
export function levelDbOpen(profileDir: string, origin: string): boolean {
	if (!existsSync('/proc/self/fd')) {
		return false;
	}
	const dir = `_${new URL(origin).port}.indexeddb.leveldb/`;
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		if (!read(`/proc/${pid}/cmdline`, (p) => readFileSync(p, 'utf8'))?.includes(profileDir)) {
			continue;
		}
		const fds = read(`/proc/${pid}/fd`, (p) => readdirSync(p).join(' '))?.split(' ') ?? [];
		if (fds.some((fd) => read(`/proc/${pid}/fd/${fd}`, readlinkSync)?.includes(dir))) {
			return true;
		}
	}
	return false;
}

/** Waits until `origin`'s database files are closed; how long that took, in ms. */
export async function untilLevelDbClosed(
	profileDir: string,
	origin: string,
	timeoutMs = 20_000
): Promise<number> {
	const started = Date.now();
	while (levelDbOpen(profileDir, origin)) {
		if (Date.now() - started > timeoutMs) {
			throw new Error(`${origin}'s database was still open after ${timeoutMs} ms.`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return Date.now() - started;
}
