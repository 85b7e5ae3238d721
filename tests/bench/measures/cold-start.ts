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

export async function coldStart(
	context: BrowserContext,
	origin: string,
	target: ColdTarget
): Promise<number> {
	const page = await context.newPage();
	try {
		const path = target === 'blank' ? BLANK_PATH : `/study/${BENCH_DECK_ID}`;
		await page.goto(`${origin}${path}`, { waitUntil: 'commit' });
		const probe = target === 'blank' ? 'engramProbes.blankAt' : 'engramProbes.firstCardAt';
		await page.waitForFunction(`(${probe} ?? -1) > 0`, undefined, { timeout: 60_000 });
		const controlled = await inPage<boolean>(page, '!!navigator.serviceWorker.controller');
		if (!controlled) {
			throw new Error(`${origin}${path} was not served by the service worker.`);
		}
		return await inPage<number>(page, probe);
	} finally {
		await page.close();
	}
}
