// Proves the Settings screen's card choices as a person makes them: a flag renamed there is
// stored as its own setting and named so in the study menu, the study status line of a card
// flagged with it and the browser's flag filter, an empty name gives the colour back; the card
// text size survives a reload and scales the card drawn in Study (its rendered text is 1.5 times
// as tall at 150 % as at 100 %). axe on the new sections in both themes. Thumb on Pixel 7, mouse
// and keys on desktop.
import { expect, test, type Page } from '@playwright/test';
import { checkScreenState } from './a11y-checks';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { question } from './study-helpers';

const size = (page: Page) => page.getByRole('slider', { name: 'Size' });

/** The rendered height of the question's first line of text, in CSS pixels. */
function textHeight(page: Page): Promise<number> {
	return question(page).evaluate((section) => {
		const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT, (node) =>
			node.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP
		);
		const range = document.createRange();
		range.selectNodeContents(walker.nextNode()!);
		return range.getClientRects()[0]!.height;
	});
}

async function setSize(page: Page, percent: number): Promise<void> {
	await page.goto('/settings');
	await size(page).fill(String(percent));
	const panel = page.getByRole('region', { name: 'Card text size' });
	await expect(panel.getByRole('status')).toHaveText(`${percent}%`); // The slider's <output>.
}

test('rename a flag and scale the card text from Settings', async ({ page, isMobile }) => {
	test.slow(); // axe runs on Settings in both themes
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study History::/ })).toBeVisible();
	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Flag names' })).toBeVisible();
	await checkScreenState(page, 'settings-cards', isMobile);

	// Rename: saved when the field is left, as its own setting with an mtime.
	const red = page.getByRole('textbox', { name: 'Red flag' });
	await red.fill('Check source');
	await red.press('Tab');
	await expect(page.getByText('Saved.')).toBeVisible();
	const rows = await readStore<{ key: string; value: unknown; mtime: number }>(page, 'settings');
	expect(rows.find((row) => row.key === 'flagName.1')).toMatchObject({ value: 'Check source' });

	// Text size: kept across a reload.
	await setSize(page, 150);
	await page.reload();
	await expect(size(page)).toHaveValue('150');

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const large = await textHeight(page);
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	const menu = page.getByRole('dialog', { name: 'Card actions' });
	await expect(menu.getByRole('button', { name: 'Check source' })).toBeVisible();
	await expect(menu.getByRole('button', { name: 'Red' })).toHaveCount(0);
	// Flagged with it: the notice and the status line under the card name it by its new name.
	await press(menu.getByRole('button', { name: 'Check source' }), isMobile);
	await expect(page.getByText('Flagged red: Check source.')).toBeVisible();
	await expect(page.getByText('Flagged: Check source')).toBeVisible();
	expect(
		(await readStore<{ flag?: number }>(page, 'cards')).filter((c) => c.flag === 1)
	).toHaveLength(1);

	await setSize(page, 100);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const normal = await textHeight(page);
	expect(large / normal).toBeGreaterThan(1.4);
	expect(large / normal).toBeLessThan(1.6);

	await page.goto('/browse');
	const filter = page.getByRole('combobox', { name: 'Flag' });
	await expect(filter.getByRole('option', { name: 'Check source' })).toBeAttached();

	// An empty name gives the colour's name back.
	await page.goto('/settings');
	await expect(red).toHaveValue('Check source');
	await red.fill('');
	await red.press('Tab');
	await expect(page.getByText('Saved.')).toBeVisible();
	await page.goto('/browse');
	await expect(filter.getByRole('option', { name: 'Red' })).toBeAttached();
	await expect(filter.getByRole('option', { name: 'Check source' })).toHaveCount(0);
});
