/**
 * (3) Cold start to first card: a new tab opens the study screen with the network off, so the
 * service worker (installed and warm) serves everything from its precache. Timed from navigation
 * start to the first card painted. The baseline is a blank page at the same origin, served by the
 * same worker, that only opens `engram` and reads one card.
 */
import type { BrowserContext } from '@playwright/test';
import { BENCH_DECK_ID, BLANK_PATH } from '../page/constants';
import { inPage } from '../browser';
import { rotate } from '../stats';
import { untilLevelDbClosed } from '../leveldb-closed';

export type ColdTarget = 'study' | 'blank';

/**
 * The opening steps a cold start is broken into ("of which" rows): when each ended, in ms from
 * navigation start. The app's own User Timing measures (`engram:…`, src/lib/state/timing.ts) and
 * the scripts' arrival from Resource Timing.
 */
export const COLD_STEPS = {
	bootCard: "boot card in the page (app.html's engram:boot-card mark)",
	scripts: 'app code arrived (last script or style)',
	dbOpen: 'database open (engram:db-open)',
	collectionOpen: 'collection open (engram:collection-open)',
	studyReads: 'first card read and shown (engram:study-load)'
} as const;

export type ColdStep = keyof typeof COLD_STEPS;

export interface ColdRun {
	/** Navigation start to the first card (or, for the blank page, the database read) painted. */
	total: number;
	/** The app's own first card painted (Show answer usable); `total` may be the boot card's. */
	appCard?: number;
	/** Whether app.html's boot card painted the card the app then showed. */
	bootCard?: boolean;
	/** First contentful paint: the app shell ("Opening your collection…"). */
	fcp?: number;
	/** When the study screen started its first next-card query: the app is booted. */
	queryStart?: number;
	/** When each opening step ended (undefined: the page did not record it). */
	steps?: Partial<Record<ColdStep, number>>;
	/** Every User Timing measure of the page: [name, start, duration], for reading a run by hand. */
	spans?: [string, number, number][];
}

/** Runs in the page: the steps' end times, read from its performance timeline. */
const READ_STEPS = `(() => {
	const end = (name) => {
		const entry = performance.getEntriesByName(name, 'measure')[0];
		return entry && entry.startTime + entry.duration;
	};
	const total = engramProbes.firstCardAt;
	const code = performance
		.getEntriesByType('resource')
		.filter((e) => /\\.(js|css)$/.test(new URL(e.name).pathname) && e.responseEnd <= total)
		.map((e) => e.responseEnd);
	return {
		bootCard: performance.getEntriesByName('engram:boot-card', 'mark')[0]?.startTime,
		scripts: code.length > 0 ? Math.max(...code) : undefined,
		dbOpen: end('engram:db-open'),
		collectionOpen: end('engram:collection-open'),
		studyReads: end('engram:study-load')
	};
})()`;

export async function coldStart(
	context: BrowserContext,
	origin: string,
	target: ColdTarget,
	profile: string
): Promise<ColdRun> {
	// The previous page of this origin may still hold the database open: then this start would
	// be a warm one.
	await untilLevelDbClosed(profile, origin);
	const page = await context.newPage();
	try {
		const path = target === 'blank' ? BLANK_PATH : `/study/${BENCH_DECK_ID}`;
		await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
		const probe = target === 'blank' ? 'engramProbes.blankAt' : 'engramProbes.firstCardAt';
		const shown = await inPage<boolean>(
			page,
			`engramProbes.until(${JSON.stringify(target === 'blank' ? 'blank' : 'firstCard')}, 0, 60000)`
		);
		if (!shown) {
			throw new Error(
				`${origin}${path} never showed ${target === 'blank' ? 'its read' : 'a card'}.`
			);
		}
		const controlled = await inPage<boolean>(page, '!!navigator.serviceWorker.controller');
		if (!controlled) {
			throw new Error(`${origin}${path} was not served by the service worker.`);
		}
		return await inPage<ColdRun>(
			page,
			`({
				total: ${probe},
				appCard: engramProbes.appCardAt,
				bootCard: engramProbes.bootCard !== undefined && engramProbes.bootCard.at > 0 && engramProbes.firstCardAt < engramProbes.appCardAt,
				fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
				queryStart: performance.getEntriesByName('engram:next-card', 'measure')[0]?.startTime,
				steps: ${target === 'blank' ? 'undefined' : READ_STEPS},
				spans: performance.getEntriesByType('measure').map((e) => [e.name, Math.round(e.startTime), Math.round(e.duration)])
			})`
		);
	} finally {
		await page.close();
	}
}

export interface ColdOrigin {
	/** `blank`, or the collection's size. */
	name: string;
	origin: string;
	target: ColdTarget;
}

/**
 * Opens the study screen once, as a person who studied before: its resume snapshot kept, the next
 * start's boot card can paint (app.html). A first start ever has none and paints the app's card.
 */
/** How long the study screen opened before the runs stays open. */
const SETTLE_MS = 10_000;

export async function studiedBefore(context: BrowserContext, origin: string): Promise<void> {
	const page = await context.newPage();
	try {
		await page.goto(`${origin}/study/${BENCH_DECK_ID}`, { waitUntil: 'commit' });
		await inPage<boolean>(page, `engramProbes.until('firstCard', 0, 60000)`);
		const shown = Date.now();
		await inPage<boolean>(page, `engramProbes.until('resumeKept', 0, ${SETTLE_MS})`);
		// Open as long with or without a snapshot (a build without one waits it out above): what
		// the session left for the database to do in the background is as far along.
		await page.waitForTimeout(Math.max(0, SETTLE_MS - (Date.now() - shown)));
	} finally {
		await page.close();
	}
}

/**
 * Every study target studied before (studiedBefore), side by side: each page is still open its
 * full SETTLE_MS (30 s a run one after another at three sizes).
 */
export async function studiedBeforeAll(
	context: BrowserContext,
	targets: readonly ColdOrigin[]
): Promise<void> {
	await Promise.all(
		targets
			.filter((target) => target.target === 'study')
			.map((target) => studiedBefore(context, target.origin))
	);
}

/**
 * `runs` alternating rounds of every target (the order rotates each round), offline: the runs
 * per target name. `profile` is the context's profile directory (each start waits until its
 * database's files there are closed).
 */
export async function coldRuns(
	context: BrowserContext,
	profile: string,
	targets: ColdOrigin[],
	runs: number
): Promise<Record<string, ColdRun[]>> {
	const results: Record<string, ColdRun[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
	await studiedBeforeAll(context, targets);
	await context.setOffline(true);
	try {
		for (let run = 0; run < runs; run += 1) {
			for (const t of rotate(targets, run)) {
				results[t.name]!.push(await coldStart(context, t.origin, t.target, profile));
			}
		}
	} finally {
		await context.setOffline(false);
	}
	return results;
}

/** The blank page on the largest collection's origin, then the study screen at every size. */
export function coldTargets(sizes: readonly number[], origins: readonly string[]): ColdOrigin[] {
	return [
		{ name: 'blank', origin: origins.at(-1)!, target: 'blank' },
		...sizes.map((size, i) => ({
			name: String(size),
			origin: origins[i]!,
			target: 'study' as const
		}))
	];
}
