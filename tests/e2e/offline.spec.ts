// Proves the app works with no network once visited: the service worker serves the app shell,
// the route chunks and the bundled deck; reviews made offline are kept.
// The control test below runs the same steps with the service worker blocked and shows the
// offline reload then fails — so the offline test really depends on the worker.
import { expect, test } from '@playwright/test';
import { answerGood, readStore, waitForServiceWorker, type StoredReview } from './fixtures';

test('first visit online, then study offline across reloads', async ({
	page,
	context,
	isMobile
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	// The app's hashed code came from the precache, read by the browser itself (the worker's
	// static route), not through the worker's fetch handler.
	const sources = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.filter((entry) => new URL(entry.name).pathname.startsWith('/_app/immutable/'))
			.map(
				(entry) =>
					(entry as PerformanceResourceTiming & { workerFinalSourceType?: string })
						.workerFinalSourceType
			)
	);
	expect(sources.length).toBeGreaterThan(3);
	expect(new Set(sources)).toEqual(new Set(['cache']));
	await page
		.getByRole('link', { name: /^Study/ })
		.first()
		.click();
	await answerGood(page, isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();

	await page.reload();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByText('1 reviewed today')).toBeVisible();
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);
});

test.describe('control: without the service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('the same offline reload fails', async ({ page, context }) => {
		await page.goto('/');
		await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
		await context.setOffline(true);
		await expect(page.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	});
});

test('a first visit on a deep link installs the worker with scope /', async ({ page, context }) => {
	await page.goto('/study/engram-october-1917');
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	await waitForServiceWorker(page);
	const scope = await page.evaluate(
		async () => (await navigator.serviceWorker.getRegistration())?.scope
	);
	expect(scope).toBe(new URL('/', page.url()).href);

	await context.setOffline(true);
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ })).toBeVisible();
});
