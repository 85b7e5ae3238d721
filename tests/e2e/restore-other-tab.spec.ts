// A restore running in one tab stops the app's other tabs, open before it or opened during it:
// each shows a notice that blocks studying (keys, clicks, taps), and once the restore ends,
// committed or rolled back, the notice goes and the tab shows the collection as it now is. An
// answer tried meanwhile is neither written (it would be refused, or undone by a rollback) nor
// dropped without a word: the notice is what the tab shows. The restore is held part-way,
// after its journal opened, by a transaction this test keeps open on `noteTypes` (nothing else
// writes it meanwhile: a write would also take the journal's table and hold the journal back).
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './a11y-checks';
import {
	answerGood,
	BUNDLED_DECK_ID,
	downloadBackup,
	holdSettings,
	press,
	readStore,
	type StoredReview
} from './fixtures';

const notice = (page: Page) =>
	page.getByRole('dialog', { name: 'Restoring a backup in another tab…' });
const question = (page: Page) => page.getByRole('region', { name: 'Question' });

/** Tries to grade the card on screen Good every way a person could: key, click or tap. */
async function tryToGrade(page: Page, touch: boolean): Promise<void> {
	await page.keyboard.press('3');
	const box = await page.getByRole('button', { name: /^Good/ }).boundingBox();
	expect(box).not.toBeNull();
	const [x, y] = [box!.x + box!.width / 2, box!.y + box!.height / 2];
	await (touch ? page.touchscreen.tap(x, y) : page.mouse.click(x, y));
}

/** Opens the study screen in a new tab, answers one card and shows the next one's answer. */
async function studyTab(settings: Page, touch: boolean): Promise<Page> {
	const study = await settings.context().newPage();
	await study.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(study)).toBeVisible();
	await answerGood(study, touch);
	await expect(study.getByText('1 answered')).toBeVisible();
	await press(study.getByRole('button', { name: 'Show answer' }), touch);
	await expect(study.getByRole('button', { name: /^Good/ })).toBeEnabled();
	return study;
}

/** Chooses `path` in Settings and starts replacing the collection, held part-way. */
async function startHeldRestore(settings: Page, path: string, touch: boolean) {
	await settings.goto('/settings');
	await settings.getByLabel('Restore from backup…').setInputFiles(path);
	await press(settings.getByRole('button', { name: 'Replace my collection…' }), touch);
	const release = await holdSettings(settings, ['engram-restore-points', 'points']);
	await press(settings.getByRole('button', { name: 'Yes, replace my collection' }), touch);
	return release;
}

test('another tab waits for a restore, and shows the restored collection after it', async ({
	page: settings,
	isMobile
}, testInfo) => {
	test.setTimeout(90_000);
	const path = await downloadBackup(settings, isMobile, testInfo); // No review in it.
	const study = await studyTab(settings, isMobile);
	const [answered] = await readStore<StoredReview>(study, 'reviews');
	expect(answered).toBeDefined();

	const release = await startHeldRestore(settings, path, isMobile);
	// Held with its journal open: the other tabs' writes would be refused.
	await expect
		.poll(() => readStore<{ state: string }>(study, 'journal'))
		.toEqual([expect.objectContaining({ kind: 'restore', state: 'open' })]);
	await expect(notice(study)).toBeVisible();
	await expect(notice(study)).toHaveAccessibleDescription(/^Studying and editing wait here/);
	expect(await seriousViolations(study)).toEqual([]);
	// It cannot be closed: Escape (twice, which Chromium would let close any dialog) leaves it.
	await study.keyboard.press('Escape');
	await study.keyboard.press('Escape');
	await tryToGrade(study, isMobile);
	await expect(notice(study)).toBeVisible();
	expect(await readStore<StoredReview>(study, 'reviews')).toEqual([answered]);

	// A tab opened while it runs waits too.
	const later = await settings.context().newPage();
	await later.goto('/');
	await expect(notice(later)).toBeVisible();

	await release();
	await expect(settings.getByRole('status').filter({ hasText: /^Restored 1 deck/ })).toBeVisible();
	await expect(notice(study)).toBeHidden();
	await expect(notice(later)).toBeHidden();
	// The backup's collection, read anew: no answer in it, the answer tried during it not written.
	expect(await readStore<StoredReview>(study, 'reviews')).toEqual([]);
	await expect(later.getByText('0 reviewed today')).toBeVisible();
	await expect(study.getByText('0 answered')).toBeVisible();
	await answerGood(study, isMobile);
	await expect(study.getByText('1 answered')).toBeVisible();
	await expect(later.getByText('1 reviewed today')).toBeVisible();
	expect(await readStore<StoredReview>(study, 'reviews')).toHaveLength(1);
});

test('a restore cancelled in one tab lets the other go on with its answers kept', async ({
	page: settings,
	isMobile
}, testInfo) => {
	test.setTimeout(90_000);
	const path = await downloadBackup(settings, isMobile, testInfo);
	const study = await studyTab(settings, isMobile);
	const before = await readStore<StoredReview>(study, 'reviews');
	expect(before).toHaveLength(1);

	const release = await startHeldRestore(settings, path, isMobile);
	await expect(notice(study)).toBeVisible();
	await tryToGrade(study, isMobile);
	await press(settings.getByRole('button', { name: 'Cancel restore' }), isMobile);
	await release();
	const panel = settings.getByRole('region', { name: 'Backup and restore' });
	await expect(panel.getByRole('status')).toHaveText(
		'Restore cancelled: your collection is as it was.'
	);
	await expect(notice(study)).toBeHidden();
	expect(await readStore<StoredReview>(study, 'reviews')).toEqual(before);
	await answerGood(study, isMobile);
	await expect.poll(() => readStore<StoredReview>(study, 'reviews')).toHaveLength(2);
});
