// Proves an update never interrupts study and loses nothing: version A is served and a card is
// answered; then version B replaces it at the same origin. The page offers the update only once
// the session is over (the card in hand stays), and after the user accepts it runs B with the
// review still stored.
import { expect, test } from '@playwright/test';
import { answerGood, press, readStore, waitForServiceWorker, type StoredReview } from './fixtures';
import { BuildServer, buildVersion } from './pwa-builds';

const VERSION_A = '0.0.1-a';
const VERSION_B = '0.0.2-b';
// Each project serves its own pair of builds, so the two can run side by side.
const PORTS: Record<string, number> = { 'Desktop Chrome': 4215, 'Pixel 7': 4216 };

let dirA: string;
let dirB: string;

test.beforeAll(async () => {
	test.setTimeout(300_000); // two production builds on a shared CPU
	dirA = await buildVersion(VERSION_A);
	dirB = await buildVersion(VERSION_B);
});

test('an update waits for the study session, then runs with the data intact', async ({
	page,
	isMobile
}, testInfo) => {
	test.setTimeout(90_000);
	const server = new BuildServer(PORTS[testInfo.project.name] ?? 4215);
	try {
		await server.serve(dirA);
		await page.goto(`${server.origin}/`);
		await waitForServiceWorker(page);
		await press(page.getByRole('link', { name: /^Study/ }).first(), isMobile);
		await answerGood(page, isMobile);
		await expect(page.getByText('1 answered')).toBeVisible();
		// A marker that a reload would wipe: the session must survive the update check.
		await page.evaluate(() => ((window as { sameSession?: boolean }).sameSession = true));

		await server.serve(dirB);
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.getRegistration())?.update();
		});
		await expect(page.getByText('Update ready after this session')).toBeVisible();
		await expect(page.getByRole('button', { name: /Update available/ })).toHaveCount(0);
		await expect(page.getByText('1 answered')).toBeVisible();
		await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
		expect(await page.evaluate(() => (window as { sameSession?: boolean }).sameSession)).toBe(true);

		await press(page.getByRole('link', { name: 'Engram' }), isMobile);
		await press(page.getByRole('button', { name: 'Update available — reload' }), isMobile);
		await expect(page.getByText(`Updated to version ${VERSION_B}`)).toBeVisible();
		expect(await page.evaluate(() => (window as { sameSession?: boolean }).sameSession)).toBe(
			undefined
		);
		await expect(page.getByText('1 reviewed today')).toBeVisible();
		expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);
	} finally {
		await server.stop();
	}
});
