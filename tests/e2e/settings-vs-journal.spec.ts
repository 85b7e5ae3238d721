// A flag renamed in Settings while another tab's restore or import holds its journal open is
// refused: the panel says it was not saved and why, and the field keeps the typed name (it used to
// jump back to the stored one). When the journal ends the layout makes Settings again: the name
// and the message stay, nothing is stored meanwhile, and Enter then saves it.
import { expect, test } from '@playwright/test';
import { readStore } from './fixtures';
import { endJournalInAnotherTab, NOT_SAVED, openJournalAsAnotherTab } from './journal-helpers';

test("a flag name refused during another tab's import stays typed with its message, then saves", async ({
	page
}) => {
	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Flag names' });
	const red = panel.getByRole('textbox', { name: 'Red flag' });
	await red.fill('Check source');
	const flagNames = async () =>
		(await readStore<{ key: string; value: unknown }>(page, 'settings')).filter((row) =>
			row.key.startsWith('flagName.')
		);
	const before = await flagNames();

	const release = await openJournalAsAnotherTab(page);
	await red.press('Enter');
	await expect(panel.getByRole('alert')).toHaveText(NOT_SAVED);
	await expect(red).toHaveValue('Check source');

	await endJournalInAnotherTab(page, release);
	// Settings was made again: the typed name and the message are still there, nothing stored.
	await expect(panel.getByRole('alert')).toHaveText(NOT_SAVED);
	await expect(red).toHaveValue('Check source');
	expect(await flagNames()).toEqual(before);

	await red.press('Enter');
	await expect(panel.getByText('Saved.')).toBeVisible();
	await expect(panel.getByRole('alert')).toBeHidden();
	expect(await flagNames()).toEqual([
		expect.objectContaining({ key: 'flagName.1', value: 'Check source' })
	]);
});
