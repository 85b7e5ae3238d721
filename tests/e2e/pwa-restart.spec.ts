// Proves nothing is lost when the browser closes: study in a real on-disk profile, quit the
// browser, start it again with no network, and find the app and every review still there.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerGood, press, readStore, waitForServiceWorker, type StoredReview } from './fixtures';

test('reviews and the app survive a browser restart, offline', async ({
	playwright,
	isMobile
}, testInfo) => {
	test.setTimeout(60_000);
	const profile = mkdtempSync(join(tmpdir(), 'engram-profile-'));
	// The project's device (viewport, touch, user agent) and base URL, on a real on-disk profile.
	const {
		launchOptions,
		defaultBrowserType: _browser,
		trace: _trace,
		screenshot: _screenshot,
		...device
	} = testInfo.project.use;
	const options = { ...launchOptions, ...device };
	try {
		const first = await playwright.chromium.launchPersistentContext(profile, options);
		const page = first.pages()[0] ?? (await first.newPage());
		await page.goto('/');
		await waitForServiceWorker(page);
		await press(page.getByRole('link', { name: /^Study/ }).first(), isMobile);
		await answerGood(page, isMobile);
		await answerGood(page, isMobile);
		await expect(page.getByText('2 answered')).toBeVisible();
		await first.close();

		const again = await playwright.chromium.launchPersistentContext(profile, {
			...options,
			offline: true
		});
		const reopened = again.pages()[0] ?? (await again.newPage());
		await reopened.goto('/');
		await expect(reopened.getByText('2 reviewed today')).toBeVisible();
		expect(await readStore<StoredReview>(reopened, 'reviews')).toHaveLength(2);
		await press(reopened.getByRole('link', { name: /^Study/ }).first(), isMobile);
		await expect(reopened.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await again.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});
