/**
 * Where the generated collections' template profiles (and the generated .apkg import files,
 * import-fixtures.ts) live: a cache of this machine's user, not of one clone, so a fresh clone,
 * a worktree or a second checkout on the same machine reuses the collections another one made
 * from the same sources (collections.ts keys them by a hash of
 * everything the records depend on). Generating and compacting them is most of a first run's
 * minutes; copying a template takes seconds.
 *
 * A template is made in a scratch directory beside its final place and renamed into it when
 * complete (its meta file written last), so a run stopped half-way, or two runs making the same
 * template at once, never leave a half-made template where another run would take it.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** BENCH_CACHE_DIR, else $XDG_CACHE_HOME/engram-bench, else ~/.cache/engram-bench. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
	if (env.BENCH_CACHE_DIR) {
		return env.BENCH_CACHE_DIR;
	}
	return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'engram-bench', 'collections');
}

/** A scratch directory for making the template `name` in `root`, unique to this process. */
export function scratchDir(root: string, name: string): string {
	mkdirSync(root, { recursive: true });
	return join(root, `${name}.making-${process.pid}-${Date.now()}`);
}

/**
 * Moves a finished scratch template to `final`. If another run finished the same template first,
 * its copy stays and this one is dropped (both were made from the same sources).
 */
export function publish(scratch: string, final: string): void {
	if (existsSync(final)) {
		rmSync(scratch, { recursive: true, force: true });
		return;
	}
	try {
		renameSync(scratch, final);
	} catch (error) {
		rmSync(scratch, { recursive: true, force: true });
		if (!existsSync(final)) {
			throw error;
		}
	}
}

/**
 * Removes what no run will take again: other templates older than `maxAgeMs` (a 100k template
 * takes 200–300 MB) and scratch directories left by a run that stopped more than `maxAgeMs` ago.
 * `keep` (the template in use) is never removed.
 */
export function prune(root: string, keep: string, maxAgeMs: number, now = Date.now()): string[] {
	if (!existsSync(root)) {
		return [];
	}
	const removed: string[] = [];
	for (const name of readdirSync(root)) {
		const path = join(root, name);
		if (path === keep || now - statSync(path).mtimeMs < maxAgeMs) {
			continue;
		}
		rmSync(path, { recursive: true, force: true });
		removed.push(name);
	}
	return removed;
}
