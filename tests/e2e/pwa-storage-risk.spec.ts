// Proves the eviction warning in Settings → Storage tells the truth in each case the browser can
// be in: it warns only when the collection is neither in persistent storage nor in an installed
// app, and "Keep my data on this device" reports the browser's real answer. Chromium's decision
// on persistent storage is set over CDP (Browser.setPermission), so each case is deterministic.
import { expect, test, type Page } from '@playwright/test';
import { press } from './fixtures';

async function setPersistentStorage(page: Page, setting: 'granted' | 'denied'): Promise<void> {
	const session = await page.context().newCDPSession(page);
	const { targetInfo } = await session.send('Target.getTargetInfo');
	const browser = await page.context().browser()?.newBrowserCDPSession();
	await browser?.send('Browser.setPermission', {
		permission: { name: 'persistent-storage' },
		setting,
		origin: new URL(page.url()).origin,
		browserContextId: targetInfo.browserContextId
	});
}

/**
 * Makes the page match `(display-mode: standalone)`, as in an installed app's window. Headless
 * Chromium never runs in that mode: CDP Emulation.setEmulatedMedia ignores `display-mode`
 * (checked on Chromium 156), and an app installed with CDP PWA.install opens in a tab.
 */
async function runAsInstalledApp(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const real = window.matchMedia.bind(window);
		window.matchMedia = (query) => real(/display-mode:\s*standalone/.test(query) ? 'all' : query);
	});
}

const panelOf = (page: Page) => page.getByRole('region', { name: 'Storage on this device' });
const persisted = (page: Page) => page.evaluate(() => navigator.storage.persisted());

test('no warning when the browser keeps the data', async ({ page }) => {
	await page.goto('/settings');
	await setPersistentStorage(page, 'granted');
	await page.evaluate(() => navigator.storage.persist());
	await page.reload();
	expect(await persisted(page)).toBe(true);
	const panel = panelOf(page);
	await expect(panel.getByText(/^Storage is persistent/)).toBeVisible();
	await expect(panel.getByRole('note')).toHaveCount(0);
	await expect(panel.getByRole('button', { name: 'Keep my data on this device' })).toHaveCount(0);
});

test('no warning in the installed app, which says storage is not persistent', async ({ page }) => {
	await runAsInstalledApp(page);
	await page.goto('/settings');
	expect(await page.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true);
	expect(await persisted(page)).toBe(false);
	const panel = panelOf(page);
	await expect(panel.getByText(/^Storage is not persistent/)).toBeVisible();
	await expect(panel.getByRole('note')).toHaveCount(0);
});

test('in a browser tab without persistence it warns, and the warning goes when the browser agrees', async ({
	page,
	isMobile
}) => {
	await page.goto('/settings');
	const panel = panelOf(page);
	const warning = panel.getByRole('note');
	await expect(warning).toContainText('Your reviews live only in this browser');
	await setPersistentStorage(page, 'granted');
	await press(warning.getByRole('button', { name: 'Keep my data on this device' }), isMobile);
	await expect(panel.getByText(/^Storage is persistent/)).toBeVisible();
	await expect(warning).toHaveCount(0);
	expect(await persisted(page)).toBe(true);
});

test('when the browser refuses persistence, the warning stays and says so', async ({
	page,
	isMobile
}) => {
	await page.goto('/settings');
	await setPersistentStorage(page, 'denied');
	const panel = panelOf(page);
	const warning = panel.getByRole('note');
	await press(warning.getByRole('button', { name: 'Keep my data on this device' }), isMobile);
	await expect(warning.getByText(/did not grant persistent storage/)).toBeVisible();
	await expect(panel.getByText(/^Storage is not persistent/)).toBeVisible();
	expect(await persisted(page)).toBe(false);
});
