// The static shell in index.html: the header and the loading line paint from the HTML alone,
// before any of the app's JavaScript has loaded, and give way to the app once it renders.
import { expect, test } from '@playwright/test';

test('the page shows the shell before any script runs, then the app replaces it', async ({
	page
}) => {
	// Hold back the app's code: only the HTML and its stylesheet arrive.
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/', { waitUntil: 'commit' });
	const loading = page.getByText('Opening your collection…');
	await expect(loading).toBeVisible();
	await expect(page.getByText('Engram', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: /^Study/ })).toHaveCount(0);

	release();
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible({
		timeout: 30_000
	});
	// The shell is gone: one header (the app's), no loading line left behind.
	await expect(loading).toBeHidden();
	await expect(page.getByText('Engram', { exact: true }).filter({ visible: true })).toHaveCount(1);
});
