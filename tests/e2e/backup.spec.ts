// Proves a person can get all their data out and back: study a card, download a backup from
// Settings, open Engram in a browser that has never seen it, restore the file (replace or merge)
// and find the review there; undo a restore; a bad file changes nothing; and the storage
// warning's one-tap backup gives a real backup file.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { unzipSync } from 'fflate';
import { answerGood, press, readStore, type StoredReview } from './fixtures';

const BACKUP_FILE = /^engram-backup-\d{4}-\d{2}-\d{2}\.zip$/;

async function studyOneCard(page: Page, touch: boolean): Promise<void> {
	await page.goto('/');
	await press(page.getByRole('link', { name: /^Study/ }).first(), touch);
	await answerGood(page, touch);
	await expect(page.getByText('1 answered')).toBeVisible();
}

/** Downloads a backup from Settings and returns the saved file's path. */
async function downloadBackup(page: Page, touch: boolean, testInfo: TestInfo): Promise<string> {
	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Backup and restore' });
	const download = page.waitForEvent('download');
	await press(panel.getByRole('button', { name: 'Download backup' }), touch);
	const file = await download;
	expect(file.suggestedFilename()).toMatch(BACKUP_FILE);
	await expect(panel.getByText(/^Backup saved as engram-backup-/)).toBeVisible();
	const path = testInfo.outputPath(file.suggestedFilename());
	await file.saveAs(path);
	return path;
}

/** Another browser profile on the same kind of device: Engram there has never seen this one. */
async function freshDevice(browser: Browser, testInfo: TestInfo): Promise<Page> {
	const { viewport, userAgent, isMobile, hasTouch, deviceScaleFactor, baseURL } =
		testInfo.project.use;
	const context = await browser.newContext({
		viewport,
		userAgent,
		isMobile,
		hasTouch,
		deviceScaleFactor,
		baseURL
	});
	return context.newPage();
}

async function chooseBackup(page: Page, path: string): Promise<void> {
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Storage on this device' })).toBeVisible();
	await page.getByLabel('Restore from backup…').setInputFiles(path);
	await expect(
		page.getByRole('group', { name: /: made .+ by Engram .+, with 1 deck, .+, 1 review, / })
	).toBeVisible();
}

test('a backup restored on a fresh device brings the review back, and can be undone', async ({
	page,
	browser,
	isMobile
}, testInfo) => {
	await studyOneCard(page, isMobile);
	const [review] = await readStore<StoredReview>(page, 'reviews');
	const path = await downloadBackup(page, isMobile, testInfo);

	const other = await freshDevice(browser, testInfo);
	await chooseBackup(other, path);
	expect(await readStore(other, 'reviews')).toHaveLength(0);
	await press(other.getByRole('button', { name: 'Replace my collection…' }), isMobile);
	await press(other.getByRole('button', { name: 'Yes, replace my collection' }), isMobile);
	await expect(other.getByRole('status').filter({ hasText: /^Restored 1 deck/ })).toBeVisible();
	expect(await readStore<StoredReview>(other, 'reviews')).toEqual([review]);
	await other.goto('/');
	await expect(other.getByText('1 reviewed today')).toBeVisible();

	await other.goto('/settings');
	await press(other.getByRole('button', { name: 'Undo the last restore' }), isMobile);
	await expect(other.getByRole('status').filter({ hasText: /^Restored/ })).toBeVisible();
	expect(await readStore(other, 'reviews')).toHaveLength(0);
	await other.context().close();
});

test('merge keeps the reviews of both devices', async ({ page, browser, isMobile }, testInfo) => {
	await studyOneCard(page, isMobile);
	const path = await downloadBackup(page, isMobile, testInfo);

	const other = await freshDevice(browser, testInfo);
	await studyOneCard(other, isMobile);
	const [mine] = await readStore<StoredReview>(other, 'reviews');
	await chooseBackup(other, path);
	await press(other.getByRole('button', { name: 'Merge into my collection' }), isMobile);
	await expect(other.getByText(/^Merged: added 1 review/)).toBeVisible();
	const reviews = await readStore<StoredReview>(other, 'reviews');
	expect(reviews).toHaveLength(2);
	expect(reviews).toContainEqual(mine);
	await other.context().close();
});

test('a file that is not a backup gets one sentence and changes nothing', async ({
	page,
	isMobile
}) => {
	await studyOneCard(page, isMobile);
	await page.goto('/settings');
	await page.getByLabel('Restore from backup…').setInputFiles({
		name: 'holiday.zip',
		mimeType: 'application/zip',
		buffer: Buffer.from('these are not the bytes of a zip')
	});
	await expect(page.getByRole('alert')).toHaveText(
		'This is not an Engram backup: the file is not a zip archive.'
	);
	await expect(page.getByRole('button', { name: /Replace|Merge/ })).toHaveCount(0);
	expect(await readStore(page, 'reviews')).toHaveLength(1);
});

test('the storage warning backs up in one tap', async ({ page, isMobile }) => {
	await page.goto('/settings');
	const warning = page.getByRole('region', { name: 'Storage on this device' }).getByRole('note');
	const download = page.waitForEvent('download');
	await press(warning.getByRole('button', { name: 'Back up now' }), isMobile);
	const file = await download;
	expect(file.suggestedFilename()).toMatch(BACKUP_FILE);
	const entries = unzipSync(new Uint8Array(await readFile(await file.path())));
	const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
		format: string;
		counts: { cards: number };
	};
	expect(manifest.format).toBe('engram-backup');
	expect(manifest.counts.cards).toBeGreaterThan(0);
});
