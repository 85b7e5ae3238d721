// Proves the settings screen: the theme choice applies at once and survives a reload, the day
// start hour is stored in IndexedDB, and the about section shows the version, the licences and
// the passage attribution of the bundled deck.
import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { readStore } from './fixtures';

const background = () => getComputedStyle(document.body).backgroundColor;

test('the built styles need no light-dark() support (Chromium < 123, Safari < 17.5)', ({
	isMobile
}) => {
	test.skip(isMobile, 'reads the build folder: the same for every device');
	// The build lowers light-dark() into custom-property toggles set by color-scheme, so the
	// theme test below exercises exactly what an older browser runs.
	const dir = 'build/_app/immutable/assets';
	const css = readdirSync(dir)
		.filter((file) => file.endsWith('.css'))
		.map((file) => readFileSync(`${dir}/${file}`, 'utf8'))
		.join('\n');
	expect(css).toContain('--lightningcss-dark');
	expect(css).not.toContain('light-dark(');
});

test('theme switch persists across reloads', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/settings');
	const html = page.locator('html');
	await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
	const light = await page.evaluate(background);

	await page.getByRole('radio', { name: 'Dark' }).check();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	const dark = await page.evaluate(background);
	expect(dark).not.toBe(light);

	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
	expect(await page.evaluate(background)).toBe(dark);
	await page.goto('/');
	expect(await page.evaluate(background)).toBe(dark);

	await page.goto('/settings');
	await page.getByRole('radio', { name: 'System' }).check();
	await expect(html).not.toHaveAttribute('data-theme');
	await page.reload();
	await expect(page.getByRole('radio', { name: 'System' })).toBeChecked();
	expect(await page.evaluate(background)).toBe(light);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await page.evaluate(background)).toBe(dark);
});

test('day start hour is saved and read back', async ({ page }) => {
	await page.goto('/settings');
	const select = page.getByLabel('Next day starts at');
	await expect(select).toHaveValue('4');
	await select.selectOption('6');
	await expect(page.getByText('Saved.')).toBeVisible();
	const settings = await readStore<{ key: string; value: unknown }>(page, 'settings');
	expect(settings.find((s) => s.key === 'dayStartHour')?.value).toBe(6);
	await page.reload();
	await expect(page.getByLabel('Next day starts at')).toHaveValue('6');
});

test('about shows the version, licences and passage attribution', async ({ page }) => {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
	await page.goto('/settings');
	await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
	await expect(page.getByText(/Robert Service/)).toBeVisible();
	await page.getByText('Open-source licences').click();
	await expect(page.getByRole('link', { name: 'ts-fsrs (FSRS scheduler)' })).toBeVisible();
});
