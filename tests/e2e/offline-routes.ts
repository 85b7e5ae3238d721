// The app's screens, each with what a person does there: the offline tests visit every one.
// Add a screen here when it lands, and the offline tests cover it.
import { expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { answerGood, BUNDLED_DECK_ID, press, readStore } from './fixtures';

export interface OfflineRoute {
	path: string;
	/** Shows the screen renders and its main action works (offline, in the tests). */
	works(page: Page, touch: boolean): Promise<void>;
}

export const OFFLINE_ROUTES: OfflineRoute[] = [
	{
		path: '/',
		async works(page) {
			await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
			await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
		}
	},
	{
		path: `/study/${BUNDLED_DECK_ID}`,
		async works(page, touch) {
			await answerGood(page, touch);
			await expect(page.getByText('1 answered')).toBeVisible();
		}
	},
	{
		path: '/new',
		async works(page, touch) {
			await page.getByLabel('Passage').fill('On 9 November 1989 the Berlin Wall fell.');
			await press(page.getByRole('button', { name: 'Find cards' }), touch);
			await expect(page.getByRole('heading', { name: /^Dates \(\d+\)$/ })).toBeVisible();
		}
	},
	{
		path: '/browse',
		async works(page) {
			await page.getByLabel('Search cards').fill('lenin');
			await expect(
				page
					.getByRole('grid', { name: 'Cards' })
					.getByRole('button', { name: /^Edit note: / })
					.first()
			).toBeVisible();
		}
	},
	{
		path: '/add',
		async works(page, touch) {
			await expect(page.getByRole('heading', { name: 'Add notes' })).toBeVisible();
			await page.getByLabel('Front', { exact: true }).fill('Added offline?');
			await page.getByLabel('Back', { exact: true }).fill('Yes');
			await press(page.getByRole('button', { name: 'Add', exact: true }), touch);
			await expect(page.getByText('Added 1 card.')).toBeVisible();
			const notes = await readStore<{ fields: Record<string, string> }>(page, 'notes');
			expect(notes.filter((n) => n.fields.Front === 'Added offline?')).toHaveLength(1);
		}
	},
	{
		path: '/stats',
		async works(page) {
			await expect(page.getByRole('heading', { name: 'Statistics' })).toBeVisible();
			// The charts are a lazy chunk: they render offline only if it was precached.
			await expect(page.locator('figure[data-chart="Reviews per day"]')).toBeVisible();
		}
	},
	{
		path: '/settings',
		async works(page, touch) {
			await page.getByRole('radio', { name: 'Dark' }).check();
			await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
			// The backup runs in a lazy worker: it must come from the precache.
			const backup = page.getByRole('region', { name: 'Backup and restore' });
			const download = page.waitForEvent('download');
			await press(backup.getByRole('button', { name: 'Download backup' }), touch);
			const file = await readFile(await (await download).path());
			expect(file.subarray(0, 2).toString('latin1'), 'a zip archive').toBe('PK');
		}
	},
	{
		path: `/decks/${BUNDLED_DECK_ID}/options`,
		async works(page, touch) {
			await expect(page.getByRole('heading', { name: /^Options for / })).toBeVisible();
			await page.getByLabel('New cards per day').fill('7');
			await press(page.getByRole('button', { name: 'Save options' }), touch);
			await expect(page.getByText('Saved.')).toBeVisible();
			const presets = await readStore<{ newPerDay: number }>(page, 'presets');
			expect(presets.map((p) => p.newPerDay)).toContain(7);
			// The optimiser (a lazy worker with its own WASM) answers offline too.
			const panel = page.getByRole('region', { name: 'Personal FSRS parameters' });
			await press(panel.getByRole('button', { name: 'Optimise' }), touch);
			await expect(panel.getByRole('status').filter({ hasText: /need at least/ })).toBeVisible();
		}
	},
	{
		path: '/import',
		async works(page) {
			const deck = {
				format: 'engram-deck',
				version: 1,
				id: 'offline-import-check',
				name: 'Offline import',
				notes: [{ id: 'offline-1', type: 'basic', fields: { Front: 'Q', Back: 'A' } }]
			};
			await page.locator('input[type="file"]').setInputFiles({
				name: 'offline.json',
				mimeType: 'application/json',
				buffer: Buffer.from(JSON.stringify(deck))
			});
			await expect(page.getByRole('status', { name: 'Import summary' })).toContainText(
				'1 note added'
			);
		}
	},
	{
		path: `/decks/${BUNDLED_DECK_ID}/export`,
		async works(page, touch) {
			// .apkg needs the export worker and sql.js's WASM: both must come from the precache.
			await press(page.getByRole('radio', { name: /Anki package/ }), touch);
			const download = page.waitForEvent('download');
			await press(page.getByRole('button', { name: 'Export', exact: true }), touch);
			expect((await download).suggestedFilename()).toBe('History - October 1917.apkg');
			await expect(page.getByRole('status').filter({ hasText: /^Saved / })).toBeVisible();
		}
	}
];
