// Today's deck menu while another tab's restore or import holds its journal open: a rename and a
// custom study request are refused, each saying it was not saved and why. When the journal ends
// the layout makes Today again: the menu and the Custom study dialog stay open with what was typed
// and chosen and their messages; both then go through. Dismissed, a message does not come back:
// the menu opened again shows the stored name and no old message. The study end screen's Custom
// study dialog stays open over the remake too.
import { expect, test } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import {
	changePreset,
	chooseOption,
	DECK,
	openCustomStudy,
	openTodayWithDeck
} from './custom-study-helpers';
import { endJournalInAnotherTab, NOT_SAVED, openJournalAsAnotherTab } from './journal-helpers';

test("a rename and custom study refused in Today's deck menu stay open with their messages", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	const dialog = await openCustomStudy(page, touch);
	const menu = page.getByRole('dialog', { name: DECK });
	await chooseOption(page, 'Increase today’s review card limit', touch);
	const number = dialog.getByRole('spinbutton');
	await number.fill('25');
	const release = await openJournalAsAnotherTab(page);
	await press(dialog.getByRole('button', { name: 'OK' }), touch);
	await expect(dialog.getByRole('alert')).toHaveText(NOT_SAVED);
	// The rename, behind the dialog: it is shut first, then opened again with its choices.
	await press(dialog.getByRole('button', { name: 'Cancel' }), touch);
	const name = menu.getByRole('textbox', { name: 'Deck name' });
	await name.fill('History::Petrograd');
	await press(menu.getByRole('button', { name: 'Rename' }), touch);
	await expect(menu.getByRole('alert')).toHaveText(NOT_SAVED);
	await press(menu.getByRole('button', { name: 'Custom study…' }), touch);
	await press(dialog.getByRole('button', { name: 'OK' }), touch);
	await expect(dialog.getByRole('alert')).toHaveText(NOT_SAVED);

	await endJournalInAnotherTab(page, release);
	// Today was made again: the dialog and the menu are still open, as they were.
	await expect(dialog.getByRole('alert')).toHaveText(NOT_SAVED);
	await expect(
		dialog.getByRole('radio', { name: /^Increase today’s review card limit/ })
	).toBeChecked();
	await expect(number).toHaveValue('25');
	await expect(menu.getByRole('alert')).toHaveText(NOT_SAVED);
	await expect(name).toHaveValue('History::Petrograd');
	expect(await readStore(page, 'limitExtensions')).toEqual([]);

	// Dismissed, the dialog's message goes; its choices stay, and now the request goes through.
	await press(dialog.getByRole('button', { name: 'Cancel' }), touch);
	await press(menu.getByRole('button', { name: 'Rename' }), touch);
	const renamed = page.getByRole('dialog', { name: 'History::Petrograd' });
	await expect(renamed.getByRole('alert')).toBeHidden();
	expect(await readStore(page, 'decks')).toEqual([
		expect.objectContaining({ id: BUNDLED_DECK_ID, name: 'History::Petrograd' })
	]);
	await press(renamed.getByRole('button', { name: 'Custom study…' }), touch);
	await expect(dialog.getByRole('alert')).toBeHidden();
	await expect(number).toHaveValue('25');
	await press(dialog.getByRole('button', { name: 'OK' }), touch);
	// A raised limit closes the dialog and the menu.
	await expect(dialog).toBeHidden();
	await expect(renamed).toBeHidden();
	expect(await readStore(page, 'limitExtensions')).toEqual([
		expect.objectContaining({ deckId: BUNDLED_DECK_ID, extraNew: 0, extraReview: 25 })
	]);

	// Opened again, the menu starts afresh: the stored name, no old message.
	await press(page.getByRole('button', { name: 'Actions for History::Petrograd' }), touch);
	await expect(renamed.getByRole('textbox', { name: 'Deck name' })).toHaveValue(
		'History::Petrograd'
	);
	await expect(renamed.getByRole('alert')).toBeHidden();
});

test('custom study refused on the study end screen stays open with its message', async ({
	page
}, info) => {
	const touch = info.project.name === 'Pixel 7';
	await openTodayWithDeck(page);
	await changePreset(page, { newPerDay: 0 });
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	await press(page.getByRole('button', { name: 'Custom study…' }), touch);
	const dialog = page.getByRole('dialog', { name: 'Custom study' });
	await dialog.getByRole('spinbutton').fill('2');
	const release = await openJournalAsAnotherTab(page);
	await press(dialog.getByRole('button', { name: 'OK' }), touch);
	await expect(dialog.getByRole('alert')).toHaveText(NOT_SAVED);

	await endJournalInAnotherTab(page, release);
	await expect(dialog.getByRole('alert')).toHaveText(NOT_SAVED);
	await expect(dialog.getByRole('spinbutton')).toHaveValue('2');
	await press(dialog.getByRole('button', { name: 'OK' }), touch);
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status', { name: /^Remaining: 2 new/ })).toBeVisible();
});
