// Proves the settings page tells the truth about storage: the space used and available as the
// browser reports it, whether the browser may evict the collection, a one-tap way to a backup,
// and the browser's real answer when the user asks to keep the data.
import { expect, test } from '@playwright/test';
import { press } from './fixtures';

test('the storage panel shows usage, the eviction risk and the browser’s answer', async ({
	page,
	isMobile
}) => {
	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Storage on this device' });
	await expect(panel.getByText(/^Engram uses [\d.]+ \w+ of [\d.]+ \w+ available\.$/)).toBeVisible();

	const persisted = () => page.evaluate(() => navigator.storage.persisted());
	expect(await persisted()).toBe(false); // a fresh browser profile, not installed
	await expect(panel.getByText(/^Storage is not persistent/)).toBeVisible();
	const warning = panel.getByRole('note');
	await expect(warning).toContainText('Your reviews live only in this browser');
	await expect(warning.getByRole('button', { name: 'Back up now' })).toBeEnabled();

	await press(warning.getByRole('button', { name: 'Keep my data on this device' }), isMobile);
	if (await persisted()) {
		await expect(panel.getByText(/^Storage is persistent/)).toBeVisible();
		await expect(panel.getByRole('note')).toHaveCount(0);
	} else {
		await expect(panel.getByText(/did not grant persistent storage/)).toBeVisible();
	}
});
