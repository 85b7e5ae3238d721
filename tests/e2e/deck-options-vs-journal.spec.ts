// A deck's options page while another tab's restore or import holds its journal open: a new
// preset, the preset's options and the deck's new name are each refused, saying it was not saved
// and why. When the journal ends the layout makes the page again: every typed value and message
// stays, nothing is stored meanwhile, and each then saves once.
import { expect, test } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { endJournalInAnotherTab, NOT_SAVED, openJournalAsAnotherTab } from './journal-helpers';

interface StoredPreset {
	id: string;
	name: string;
	newPerDay: number;
}

test("a deck's options refused during another tab's import keep what was typed, then save", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	const presetSection = page.getByRole('region', { name: 'Preset', exact: true });
	const options = page.getByRole('form', { name: /^Options of/ });
	const deckSection = page.getByRole('region', { name: 'Deck', exact: true });
	await press(presetSection.getByRole('button', { name: 'New preset' }), touch);
	const presetName = presetSection.getByRole('textbox', { name: 'New preset name' });
	await presetName.fill('Exam week');
	const newPerDay = options.getByRole('spinbutton', { name: 'New cards per day' });
	await newPerDay.fill('33');
	const deckName = deckSection.getByRole('textbox', { name: 'Deck name' });
	await deckName.fill('History::Petrograd');
	const presetsBefore = await readStore(page, 'presets');
	const decksBefore = await readStore(page, 'decks');

	const release = await openJournalAsAnotherTab(page);
	await press(presetSection.getByRole('button', { name: 'Create' }), touch);
	await expect(presetSection.getByRole('alert')).toHaveText(NOT_SAVED);
	await press(options.getByRole('button', { name: 'Save options' }), touch);
	await expect(options.getByRole('alert')).toHaveText(NOT_SAVED);
	await press(deckSection.getByRole('button', { name: 'Rename' }), touch);
	await expect(deckSection.getByRole('alert')).toHaveText(NOT_SAVED);

	await endJournalInAnotherTab(page, release);
	// The page was made again: what was typed and the three messages are still there.
	for (const section of [presetSection, options, deckSection]) {
		await expect(section.getByRole('alert')).toHaveText(NOT_SAVED);
	}
	await expect(presetName).toHaveValue('Exam week');
	await expect(newPerDay).toHaveValue('33');
	await expect(deckName).toHaveValue('History::Petrograd');
	expect(await readStore(page, 'presets')).toEqual(presetsBefore);
	expect(await readStore(page, 'decks')).toEqual(decksBefore);

	// Each saves now, once. The options first: the new preset starts from them.
	await press(options.getByRole('button', { name: 'Save options' }), touch);
	await expect(options.getByText('Saved.')).toBeVisible();
	await press(presetSection.getByRole('button', { name: 'Create' }), touch);
	await expect(presetName).toBeHidden();
	await press(deckSection.getByRole('button', { name: 'Rename' }), touch);
	await expect(page.getByRole('heading', { name: 'Options for History::Petrograd' })).toBeVisible();
	for (const section of [presetSection, options, deckSection]) {
		await expect(section.getByRole('alert')).toBeHidden();
	}
	const presets = await readStore<StoredPreset>(page, 'presets');
	expect(presets.map((preset) => [preset.name, preset.newPerDay]).sort()).toEqual([
		['Default', 33],
		['Exam week', 33]
	]);
	const [deck] = await readStore<{ name: string; presetId: string }>(page, 'decks');
	expect(deck).toMatchObject({ name: 'History::Petrograd' });
	expect(presets.find((preset) => preset.id === deck?.presetId)?.name).toBe('Exam week');
});
