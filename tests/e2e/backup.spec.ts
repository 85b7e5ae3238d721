// Proves a person can get all their data out and back: study a card, download a backup from
// Settings, open Engram in a browser that has never seen it, restore the file (replace or merge)
// and find the review there; undo a restore; a bad file changes nothing; and the storage
// warning's one-tap backup gives a real backup file.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { unzipSync } from 'fflate';
import {
	answerGood,
	BACKUP_FILE,
	downloadBackup,
	holdSettings,
	press,
	readRestorePoints,
	readStore,
	type StoredReview
} from './fixtures';
import { chooseFile, expectFinished, FIXTURES, openImport, showCarCard } from './import-helpers';

async function studyOneCard(page: Page, touch: boolean): Promise<void> {
	await page.goto('/');
	await press(page.getByRole('link', { name: /^Study/ }).first(), touch);
	await answerGood(page, touch);
	await expect(page.getByText('1 answered')).toBeVisible();
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

test('media come back from a backup: on the other device the picture shows and the sound plays', async ({
	page,
	browser,
	isMobile
}, testInfo) => {
	// The picture's card was last reviewed in Anki with a long interval: study on a day it is due.
	const day = new Date('2030-01-01T10:00:00');
	await page.clock.setFixedTime(day);
	await openImport(page);
	await chooseFile(page, FIXTURES + 'apkgparser-legacy2-anki21-media.apkg');
	await expectFinished(page, 5);
	const path = await downloadBackup(page, isMobile, testInfo);

	const other = await freshDevice(browser, testInfo);
	await other.clock.setFixedTime(day);
	await other.goto('/settings');
	await other.getByLabel('Restore from backup…').setInputFiles(path);
	await expect(other.getByRole('group', { name: /, 2 media files, / })).toBeVisible();
	await press(other.getByRole('button', { name: 'Replace my collection…' }), isMobile);
	await press(other.getByRole('button', { name: 'Yes, replace my collection' }), isMobile);
	await expect(other.getByRole('status').filter({ hasText: /^Restored 2 decks/ })).toBeVisible();
	// Stored as files (Blobs) built piece by piece from the backup, not as one array.
	const stored = await other.evaluate(
		() =>
			new Promise<string[]>((resolve) => {
				const open = indexedDB.open('engram');
				open.onsuccess = () => {
					const request = open.result.transaction('media').objectStore('media').getAll();
					request.onsuccess = () => {
						const media = request.result as { name: string; bytes: unknown }[];
						resolve(media.map((m) => `${m.name} ${m.bytes instanceof Blob && m.bytes.size > 0}`));
						open.result.close();
					};
				};
			})
	);
	expect(stored.sort()).toEqual(['cable-car.mp3 true', 'download.jpg true']);

	await other.goto('/');
	await press(other.getByRole('link', { name: 'Study Test deck' }), isMobile);
	await showCarCard(other);
	const answer = other.getByRole('region', { name: 'Answer' });
	const image = answer.locator('img');
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	await press(answer.getByRole('button', { name: 'Play audio cable-car.mp3' }), isMobile);
	await expect
		.poll(() => answer.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeGreaterThan(0);
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

test('an answer undone after the backup stays undone on merge; replace brings the backup back', async ({
	page,
	isMobile
}, testInfo) => {
	await page.goto('/');
	await press(page.getByRole('link', { name: /^Study/ }).first(), isMobile);
	await answerGood(page, isMobile);
	await answerGood(page, isMobile);
	await expect(page.getByText('2 answered')).toBeVisible();
	const answered = await readStore<StoredReview>(page, 'reviews');
	expect(answered).toHaveLength(2);

	// The backup is made in another tab while this study session (and its undo) stays open.
	const settings = await page.context().newPage();
	const path = await downloadBackup(settings, isMobile, testInfo);
	await press(page.getByRole('button', { name: 'Undo' }), isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const kept = await readStore<StoredReview>(page, 'reviews');
	expect(kept).toHaveLength(1);
	const undone = answered.find((review) => review.id !== kept[0]!.id)!;
	expect(await readStore<{ id: string; table: string }>(page, 'tombstones')).toEqual([
		expect.objectContaining({ table: 'reviews', id: undone.id })
	]);

	await settings.goto('/settings');
	await settings.getByLabel('Restore from backup…').setInputFiles(path);
	await press(settings.getByRole('button', { name: 'Merge into my collection' }), isMobile);
	await expect(settings.getByText(/^Merged: added nothing; updated /)).toBeVisible();
	expect(await readStore<StoredReview>(settings, 'reviews')).toEqual(kept);

	await settings.getByLabel('Restore from backup…').setInputFiles(path);
	await press(settings.getByRole('button', { name: 'Replace my collection…' }), isMobile);
	await press(settings.getByRole('button', { name: 'Yes, replace my collection' }), isMobile);
	await expect(settings.getByRole('status').filter({ hasText: /^Restored 1 deck/ })).toBeVisible();
	const restored = await readStore<StoredReview>(settings, 'reviews');
	expect(restored.map((review) => review.id).sort()).toEqual(
		answered.map((review) => review.id).sort()
	);
	// Both restores kept the collection as it was before them, listed newest first.
	const kept2 = settings.getByRole('list', { name: 'Kept on this device' }).getByRole('listitem');
	await expect(kept2).toHaveCount(2);
	await expect(kept2.first()).toContainText('Before a restore');
});

test('a backup cancelled midway makes no file, and a cancelled restore changes nothing', async ({
	page,
	isMobile
}, testInfo) => {
	await studyOneCard(page, isMobile);
	const path = await downloadBackup(page, isMobile, testInfo);
	await studyOneCard(page, isMobile);
	const before = await readStore<StoredReview>(page, 'reviews');
	expect(before).toHaveLength(2);

	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Backup and restore' });
	await expect(panel.getByRole('button', { name: 'Download backup' })).toBeEnabled();
	let downloads = 0;
	page.on('download', () => (downloads += 1));
	let release = await holdSettings(page);
	await press(panel.getByRole('button', { name: 'Download backup' }), isMobile);
	await expect(panel.getByRole('progressbar', { name: 'Backup progress' })).toBeVisible();
	await press(panel.getByRole('button', { name: 'Cancel backup' }), isMobile);
	await expect(panel.getByRole('status')).toHaveText('Backup cancelled: no file was made.');
	await release();
	await expect(panel.getByRole('button', { name: 'Download backup' })).toBeEnabled();

	await panel.getByLabel('Restore from backup…').setInputFiles(path);
	release = await holdSettings(page);
	await press(panel.getByRole('button', { name: 'Merge into my collection' }), isMobile);
	await expect(panel.getByRole('progressbar', { name: 'Restore progress' })).toBeVisible();
	await press(panel.getByRole('button', { name: 'Cancel restore' }), isMobile);
	await expect(panel.getByRole('status')).toHaveText(
		'Restore cancelled: your collection is as it was.'
	);
	await release();
	expect(await readStore<StoredReview>(page, 'reviews')).toEqual(before);
	await expect(panel.getByRole('list', { name: 'Kept on this device' })).toHaveCount(0);
	expect(downloads).toBe(0);
});

const countRestorePoints = async (page: Page) => (await readRestorePoints(page)).length;

test('a daily snapshot is kept when the app is left, and can be put back from Settings', async ({
	page,
	isMobile
}) => {
	await studyOneCard(page, isMobile);
	const before = await readStore<StoredReview>(page, 'reviews');
	// Leaving the app: the page reports itself hidden, as when the user switches away.
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	// The snapshot is made in the background worker; leaving the page would stop it.
	await expect.poll(() => countRestorePoints(page), { timeout: 20_000 }).toBe(1);
	await page.goto('/settings');
	const kept = page.getByRole('list', { name: 'Kept on this device' }).getByRole('listitem');
	await expect(kept).toHaveCount(1);
	await expect(kept).toContainText('Daily snapshot');

	await studyOneCard(page, isMobile);
	expect(await readStore(page, 'reviews')).toHaveLength(2);
	await page.goto('/settings');
	await press(page.getByRole('button', { name: /^Put back: Daily snapshot/ }), isMobile);
	await press(page.getByRole('button', { name: 'Yes, put it back' }), isMobile);
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck/ })).toBeVisible();
	expect(await readStore<StoredReview>(page, 'reviews')).toEqual(before);
});

test('an import keeps a copy of the collection first, and putting it back undoes the import', async ({
	page,
	isMobile
}) => {
	await studyOneCard(page, isMobile);
	const notes = await readStore<{ id: string }>(page, 'notes');
	const reviews = await readStore<StoredReview>(page, 'reviews');
	await openImport(page);
	await chooseFile(page, FIXTURES + 'anki-legacy1-sound.apkg');
	await expectFinished(page, 1);
	expect(await readStore(page, 'notes')).toHaveLength(notes.length + 1);

	await page.goto('/settings');
	await press(page.getByRole('button', { name: /^Put back: Before an import/ }), isMobile);
	await press(page.getByRole('button', { name: 'Yes, put it back' }), isMobile);
	await expect(page.getByRole('status').filter({ hasText: /^Restored 1 deck/ })).toBeVisible();
	const after = await readStore<{ id: string }>(page, 'notes');
	expect(after.map((note) => note.id).sort()).toEqual(notes.map((note) => note.id).sort());
	expect(await readStore<StoredReview>(page, 'reviews')).toEqual(reviews);
	// Putting it back is itself undoable: the imported collection is kept too.
	await expect(
		page.getByRole('list', { name: 'Kept on this device' }).getByRole('listitem')
	).toHaveCount(2);
});
