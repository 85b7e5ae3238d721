// The automatic daily snapshot taken on app start (state/snapshot-planner.ts), in real Chromium
// with the page's clock driven by Playwright: a quick visit takes none; once the app has been open
// a minute and is idle one is kept, in the backup worker; another start the same day adds none;
// a start the next day adds the next, and Settings lists both.
import { expect, test, type Page } from '@playwright/test';
import { readRestorePoints } from './fixtures';

const START = new Date('2030-03-04T09:00:00');
const HOUR = 3_600_000;

/** Opens the app and waits for its first screen. */
async function openApp(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
}

/**
 * Moves the page's clock on in steps until `count` daily snapshots are kept. Steps, not one jump:
 * the planner's code loads over the network, which on a loaded machine can take longer than any
 * fixed jump of the page's clock (which also runs in real time).
 */
async function runUntilDailyPoints(page: Page, count: number): Promise<void> {
	await expect
		.poll(
			async () => {
				await page.clock.runFor(5_000);
				return (await dailyPoints(page)).length;
			},
			{ timeout: 45_000 }
		)
		.toBe(count);
}

const dailyPoints = async (page: Page) =>
	(await readRestorePoints(page)).filter((point) => point.kind === 'daily');

test('a daily snapshot is kept a minute after the app starts, once a day', async ({ page }) => {
	// Three starts and three minutes of page time: more than the default 30 s on a loaded machine.
	test.slow();
	await page.clock.install({ time: START });
	await openApp(page);
	// A quick visit is never slowed by a copy of the collection.
	await page.clock.runFor(50_000);
	expect(await dailyPoints(page)).toEqual([]);
	await runUntilDailyPoints(page, 1);
	const [first] = await dailyPoints(page);
	expect(first!.createdAt - START.getTime()).toBeGreaterThanOrEqual(60_000);

	// Started again the same day: the snapshot kept an hour ago is recent enough.
	await page.clock.setSystemTime(new Date(START.getTime() + HOUR));
	await openApp(page);
	for (let step = 0; step < 20; step += 1) {
		await page.clock.runFor(5_000);
	}
	expect(await dailyPoints(page)).toHaveLength(1);
	// Started the next day: a new one.
	await page.clock.setSystemTime(new Date(START.getTime() + 24 * HOUR));
	await openApp(page);
	await runUntilDailyPoints(page, 2);
	const times = (await dailyPoints(page)).map((p) => p.createdAt).sort();
	expect(times[0]).toBe(first!.createdAt);
	expect(times[1]! - START.getTime()).toBeGreaterThanOrEqual(24 * HOUR);

	await page.goto('/settings');
	const kept = page.getByRole('list', { name: 'Kept on this device' }).getByRole('listitem');
	await expect(kept).toHaveCount(2);
	await expect(kept.filter({ hasText: 'Daily snapshot' })).toHaveCount(2);
	await expect(page.getByRole('button', { name: /^Put back: Daily snapshot/ })).toHaveCount(2);
});
