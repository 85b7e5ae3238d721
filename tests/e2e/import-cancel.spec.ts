// A 50,000-note import runs in the worker: the page stays responsive (no long main-thread task),
// and cancelling it, or closing the tab in the middle, leaves nothing partial in IndexedDB. The
// whole import runs on a profile on disk (disk-profile.ts), as an installed app's would.
import { expect, test, type Page } from '@playwright/test';
import { test as onDisk } from './disk-profile';
import { readStore } from './fixtures';
import { chooseFile, count, expectFinished, openImport } from './import-helpers';

const ROWS = 50_000;

function bigTsv(): { name: string; mimeType: string; buffer: Buffer } {
	const lines = ['#separator:tab', '#html:false', '#notetype:Basic', '#deck:Big deck'];
	for (let i = 0; i < ROWS; i++) {
		lines.push(`question ${i}\tanswer ${i}`);
	}
	return { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) };
}

/**
 * Records long tasks, and the import progress each animation frame paints: an import that blocked
 * the main thread would paint few distinct values, one in the worker paints its steps as they come.
 */
async function watchMainThread(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __longTasks: number[]; __painted: Set<number> };
		w.__longTasks = [];
		w.__painted = new Set();
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				w.__longTasks.push(entry.duration);
			}
		}).observe({ type: 'longtask' });
		const frame = () => {
			const bar = document.querySelector<HTMLProgressElement>(
				'progress[aria-label="Import progress"]'
			);
			if (bar) {
				w.__painted.add(bar.value);
				requestAnimationFrame(frame);
			}
		};
		requestAnimationFrame(frame);
	});
}

test('cancelling mid-import leaves the collection as it was', async ({ page }) => {
	test.setTimeout(120_000);
	await openImport(page);
	const notesBefore = await count(page, 'notes');
	const cardsBefore = await count(page, 'cards');
	await chooseFile(page, bigTsv());
	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
	await expect(page.getByText(/Saving/)).toBeVisible({ timeout: 60_000 });
	await page.getByRole('button', { name: 'Cancel import' }).click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText(
		'Import cancelled. Nothing was changed.'
	);
	await page.waitForTimeout(500);
	expect(await count(page, 'notes')).toBe(notesBefore);
	expect(await count(page, 'cards')).toBe(cardsBefore);
	expect(await readStore<{ name: string }>(page, 'decks')).not.toContainEqual(
		expect.objectContaining({ name: 'Big deck' })
	);
});

test('closing the tab mid-import leaves nothing partial', async ({ page, context }) => {
	test.setTimeout(120_000);
	await openImport(page);
	const notesBefore = await count(page, 'notes');
	await chooseFile(page, bigTsv());
	await expect(page.getByText(/Saving/)).toBeVisible({ timeout: 60_000 });
	await page.close();
	const again = await context.newPage();
	await openImport(again);
	expect(await count(again, 'notes')).toBe(notesBefore);
	expect(await readStore<{ name: string }>(again, 'decks')).not.toContainEqual(
		expect.objectContaining({ name: 'Big deck' })
	);
});

onDisk('a 50,000-note import runs in the worker and lands completely', async ({ page }) => {
	test.setTimeout(300_000);
	await openImport(page);
	await chooseFile(page, bigTsv());
	// Watched from the first progress on (handing the file to the page is Playwright's work).
	await expect(page.getByText(/Importing big\.txt/)).toBeVisible();
	await watchMainThread(page);
	await expectFinished(page, ROWS, 270_000);
	const { longTasks, painted } = await page.evaluate(() => {
		const w = window as unknown as { __longTasks: number[]; __painted: Set<number> };
		return { longTasks: w.__longTasks, painted: w.__painted.size };
	});
	// Speed is judged by `npm run bench` (its import rows hold the 100 ms budget against a same-run
	// baseline), not here: on a busy CI machine wall-clock tasks stretch. The figure is recorded.
	const longest = Math.max(0, ...longTasks);
	test
		.info()
		.annotations.push({ type: 'longest main-thread task (ms)', description: `${longest}` });
	// The page kept painting while the worker imported: frames saw the bar move step by step.
	expect(painted).toBeGreaterThanOrEqual(5);
	expect(await count(page, 'notes')).toBeGreaterThanOrEqual(ROWS);
});
