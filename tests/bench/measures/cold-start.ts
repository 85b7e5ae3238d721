/**
 * (3) Cold start to first card: a new tab opens the study screen with the network off, so the
 * service worker (installed and warm) serves everything from its precache. Timed from navigation
 * start to the first card painted. The baseline is a blank page at the same origin, served by the
 * same worker, that only opens `engram` and reads one card.
 */
import type { BrowserContext } from '@playwright/test';
import { BENCH_DECK_ID, BLANK_PATH } from '../page/constants';
import { inPage } from '../browser';

export type ColdTarget = 'study' | 'blank';

export interface ColdRun {
	/** Navigation start to the first card (or, for the blank page, the database read) painted. */
	total: number;
	/** First contentful paint: the app shell ("Opening your collection…"). */
	fcp?: number;
	/** When the study screen started its first next-card query: the app is booted. */
	queryStart?: number;
}

export async function coldStart(
	context: BrowserContext,
	origin: string,
	target: ColdTarget
): Promise<ColdRun> {
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
				fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
				queryStart: performance.getEntriesByName('engram:next-card', 'measure')[0]?.startTime,
				spans: performance.getEntriesByType('measure').map((e) => [e.name, Math.round(e.startTime), Math.round(e.duration)])
			})`
		);
	} finally {
		await page.close();
	}
}
