/**
 * Leaves each generated collection as a user's browser leaves it some time after a big import:
 * compacted by Chromium's own close-time upkeep (README "Performance", cold start). Writing the
 * collection left an undo-log deletion marker per key written (1.9 million at 100k cards) that
 * every open of the database steps over until LevelDB compacts them: 100k cold starts were 2–2.4 ×
 * the 1k ones on a fresh profile, 1.0–1.1 × once compacted (session 15).
 *
 * Chromium 150 compacts a database fully when its last connection closes, but only once the
 * browser session is 5–60 min old and the bucket's own time has come (upkeep-schedule.ts). So the
 * browser runs here with its wall clock moved ahead (wall-clock.ts: a small LD_PRELOAD shim built
 * with the machine's C compiler, else libfaketime) to a time the compaction is due: Chromium's
 * code does the work, the bench only stops waiting for its clock. With neither the collections
 * stay as written, and the log says so.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { chromiumArgs, locateChromium } from '../../scripts/find-browser.js';
import { untilLevelDbClosed } from './leveldb-closed';
import { startTrace, traceEventsOf } from './optimiser-trace';
import { nextClose, upkeepOf, type UpkeepClock } from './upkeep-schedule';
import { setClock, wallClock, type WallClock } from './wall-clock';

/** A first pass may spend Chromium's 60 s on the sweeper; the next ones part the two tasks. */
const MAX_PASSES = 4;
/** A compaction of 100k cards took 2 min at a load of 22. */
const CLOSE_TIMEOUT_MS = 15 * 60_000;

function leveldbDir(profile: string, origin: string): string {
	return `${profile}/Default/IndexedDB/http_localhost_${new URL(origin).port}.indexeddb.leveldb`;
}

/** The database's LevelDB logs, oldest first (their numbers grow). */
function readLogs(profile: string, origin: string): Uint8Array[] {
	const dir = leveldbDir(profile, origin);
	return readdirSync(dir)
		.filter((name) => name.endsWith('.log'))
		.sort()
		.map((name) => readFileSync(join(dir, name)));
}

/** Traces Chromium's IndexedDB work; the stop gives the CompactRange task's ms, if it ran. */
async function traced(context: BrowserContext): Promise<() => Promise<number | undefined>> {
	const stop = await startTrace(await context.newPage(), ['IndexedDB']);
	return async () => {
		const events = traceEventsOf((await stop()) || '[]');
		const compaction = events.find((event) => event.name === 'CompactRange' && event.ph === 'X');
		return compaction && compaction.dur! / 1000;
	};
}

/** One browser session: opens the database at `openAt`, closes it at `closeAt`, waits it out. */
async function pass(profile: string, origin: string, clock: UpkeepClock, wall: WallClock) {
	const dir = mkdtempSync(join(tmpdir(), 'engram-wall-clock-'));
	const file = join(dir, 'offset');
	setClock(file, clock.openAt);
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: locateChromium()!.executablePath,
		args: chromiumArgs(),
		headless: true,
		env: { ...process.env, ...wall.env(file) }
	});
	try {
		const compactionMs = await traced(context);
		const page = await context.newPage();
		await page.route(`${origin}/**`, (route) =>
			route.fulfill({ contentType: 'text/html', body: '<title>Engram bench upkeep</title>' })
		);
		await page.goto(`${origin}/bench-upkeep`);
		// The connection stays open until the page closes, after the clock has moved.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.open('engram');
					request.onsuccess = () => {
						Object.assign(window, { held: request.result });
						resolve();
					};
					request.onerror = () => reject(request.error);
				})
		);
		setClock(file, clock.closeAt);
		await page.waitForFunction((at) => Date.now() >= at, clock.closeAt - 60_000);
		await page.close();
		await untilLevelDbClosed(profile, origin, CLOSE_TIMEOUT_MS);
		return await compactionMs();
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Compacts one origin's database: the compaction's ms and the passes it took, or undefined. */
export async function compactDatabase(
	profile: string,
	origin: string,
	wall: WallClock,
	log: (message: string) => void
): Promise<{ ms: number; passes: number } | undefined> {
	for (let passes = 1; passes <= MAX_PASSES; passes += 1) {
		const started = Date.now();
		const clock = nextClose(upkeepOf(readLogs(profile, origin)), started);
		const ms = await pass(profile, origin, clock, wall);
		const seconds = ((Date.now() - started) / 1000).toFixed(0);
		log(
			`  ${origin}: pass ${passes} (${clock.runs} due, ${seconds} s): ${ms ? `compacted in ${(ms / 1000).toFixed(1)} s` : 'no compaction'}`
		);
		if (ms !== undefined) {
			return { ms, passes };
		}
	}
	return undefined;
}

/**
 * Compacts every origin's database in the (closed) profile, one browser session each (a
 * compaction puts off the whole session's next one): per origin the compaction's ms, or null.
 */
export async function compactCollections(
	profile: string,
	origins: string[],
	log: (message: string) => void
): Promise<(number | null)[] | undefined> {
	const wall = wallClock(log);
	if (!wall) {
		log(
			'collections NOT compacted: no wall-clock shim and no libfaketime (apt install faketime, or BENCH_FAKETIME=<path>)'
		);
		return undefined;
	}
	log(`  the browser's wall clock moved by ${wall.name}`);
	const results: (number | null)[] = [];
	for (const origin of origins) {
		results.push((await compactDatabase(profile, origin, wall, log))?.ms ?? null);
	}
	return results;
}
