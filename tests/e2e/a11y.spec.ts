// Proves every screen passes axe (no serious or critical violations) in both themes, has no
// horizontal scroll at phone width, and saves Pixel 7 screenshots of each screen in light and
// dark to test-results/screenshots/ for a person to look at.
import { expect, test } from '@playwright/test';
import { seriousViolations, sidewaysScroll, smallTouchTargets, THEMES } from './a11y-checks';
import { BUNDLED_DECK_ID } from './fixtures';
import {
	BROWSE,
	DECK_OPTIONS,
	SETTINGS,
	STATS,
	STUDY_BACK,
	STUDY_FRONT,
	type Screen
} from './screens';
import { menuItem } from './study-helpers';

// Axe on the stats screen (a year of heatmap cells) takes a while on a loaded machine.
test.describe.configure({ timeout: 90_000 });

const SCREENS: Screen[] = [
	{
		name: 'today',
		path: '/',
		ready: (page) => expect(page.getByRole('link', { name: /^Study/ })).toBeVisible()
	},
	{
		name: 'today-deck-menu',
		path: '/',
		ready: async (page) => {
			await page.getByRole('button', { name: 'Actions for History::October 1917' }).click();
			await expect(page.getByRole('dialog', { name: 'History::October 1917' })).toBeVisible();
		}
	},
	STUDY_FRONT,
	STUDY_BACK,
	{
		name: 'study-menu',
		path: `/study/${BUNDLED_DECK_ID}`,
		ready: async (page) => {
			await page.getByRole('button', { name: 'More actions' }).click();
			await expect(page.getByRole('dialog', { name: 'Card actions' })).toBeVisible();
		}
	},
	{
		name: 'study-card-info',
		path: `/study/${BUNDLED_DECK_ID}`,
		ready: async (page) => {
			await menuItem(page, /^Card info/, false);
			await expect(page.getByRole('dialog', { name: 'Card info' })).toBeVisible();
		}
	},
	{
		name: 'study-delete-note',
		path: `/study/${BUNDLED_DECK_ID}`,
		ready: async (page) => {
			await menuItem(page, /^Delete note/, false);
			await expect(page.getByRole('dialog', { name: 'Delete this note?' })).toBeVisible();
		}
	},
	{
		name: 'note-type-change',
		path: `/study/${BUNDLED_DECK_ID}`,
		ready: async (page) => {
			await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
			await page.keyboard.press('e');
			const dialog = page.getByRole('dialog', { name: 'Edit note' });
			await dialog.getByRole('button', { name: 'Change note type…' }).click();
			await expect(dialog.getByRole('list', { name: 'Cards after the change' })).toBeVisible();
		}
	},
	BROWSE,
	{
		name: 'add',
		path: '/add',
		ready: async (page) => {
			await page.getByLabel('Note type').selectOption('cloze');
			await page.getByLabel('Text').fill('{{c1::Lenin}} arrived at {{c2::Smolny}}');
			await expect(page.getByTestId('preview-cards').getByRole('listitem')).toHaveCount(2);
		}
	},
	STATS,
	SETTINGS,
	DECK_OPTIONS
];

for (const theme of THEMES) {
	for (const screen of SCREENS) {
		test(`${screen.name} (${theme}): axe finds nothing serious, no sideways scroll`, async ({
			page,
			isMobile
		}) => {
			await page.addInitScript((value) => localStorage.setItem('engram-theme', value), theme);
			await page.goto(screen.path);
			await screen.ready(page);
			await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
			expect(await seriousViolations(page)).toEqual([]);
			expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
			if (isMobile) {
				await page.screenshot({
					path: `test-results/screenshots/${screen.name}-${theme}.png`,
					fullPage: false
				});
			}
		});
	}
}

test('at 360 px wide nothing scrolls sideways and touch targets are at least 44 px', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 640 });
	for (const screen of SCREENS) {
		await page.goto(screen.path);
		await screen.ready(page);
		expect(await sidewaysScroll(page), screen.name).toBeLessThanOrEqual(0);
		expect(await smallTouchTargets(page), screen.name).toEqual([]);
	}
});
