// Proves nothing is lost when the browser closes: study in a real on-disk profile, quit the
// browser, start it again with no network, and find the app and every review still there.
import { expect, test } from '@playwright/test';
import { answerGood, press, readStore, waitForServiceWorker, type StoredReview } from './fixtures';
import { Profile } from './pwa-profile';

test('reviews and the app survive a browser restart, offline', async ({
	playwright,
	isMobile
}, testInfo) => {
	test.setTimeout(60_000);
	const profile = new Profile(playwright, testInfo);
	try {
		const first = await profile.launch();
		await first.page.goto('/');
		await waitForServiceWorker(first.page);
		await press(first.page.getByRole('link', { name: /^Study/ }).first(), isMobile);
		await answerGood(first.page, isMobile);
		await answerGood(first.page, isMobile);
		await expect(first.page.getByText('2 answered')).toBeVisible();
		await first.context.close();

		const { context, page } = await profile.launch(true);
		await page.goto('/');
		await expect(page.getByText('2 reviewed today')).toBeVisible();
		expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(2);
		await press(page.getByRole('link', { name: /^Study/ }).first(), isMobile);
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		await context.close();
	} finally {
		profile.remove();
	}
});
