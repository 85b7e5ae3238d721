/**
 * Puts a generated collection into the app's database at one origin: the app opens first (so its
 * own Dexie schema creates `engram` and the worker installs), then the generator writes through
 * the page with the raw IndexedDB API, then the page reloads so the app sees the new data.
 */
import type { BrowserContext } from '@playwright/test';
import type { CollectionCounts } from './page/generate';
import { inPage, waitForServiceWorker } from './browser';

export const SEED = 20261129;

export async function prepareCollection(
	context: BrowserContext,
	origin: string,
	cards: number,
	toolkit: string,
	now: number
): Promise<CollectionCounts> {
	const page = await context.newPage();
	try {
		await page.goto(`${origin}/`);
		await page
			.getByRole('link', { name: /^Study/ })
			.first()
			.waitFor({ timeout: 60_000 });
		await waitForServiceWorker(page);
		await inPage(page, toolkit);
		const spec = { cards, seed: SEED + cards, now };
		const counts = await inPage<CollectionCounts>(
			page,
			`engramBench.generate(${JSON.stringify(spec)})`
		);
		await page.reload();
		await page.getByRole('link', { name: /^Study Bench/ }).waitFor({ timeout: 60_000 });
		return counts;
	} finally {
		await page.close();
	}
}
