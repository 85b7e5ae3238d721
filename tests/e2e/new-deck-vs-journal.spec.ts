// A deck from text saved while another tab's restore or import holds its journal open is refused:
// the screen says it was not saved and why. When the other tab's journal ends the layout makes the
// screen again (to read the collection anew): the deck name, the passage, the cards as edited,
// accepted and rejected, and the message all stay, nothing is stored meanwhile, and saving again
// stores the deck once.
import { expect, test } from '@playwright/test';
import { press, readStore } from './fixtures';
import { endJournalInAnotherTab, notSavedAlert, openJournalAsAnotherTab } from './journal-helpers';

const PASSAGE = [
	'On 25 October 1917 the Red Guards stormed the Winter Palace.',
	'Lenin told the Congress of Soviets: "We shall now proceed to construct the socialist order."'
].join(' ');

test("a deck refused during another tab's import keeps its draft and message, and saves once", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto('/new');
	const name = page.getByLabel('Deck name');
	const passage = page.getByLabel('Passage');
	await name.fill('Petrograd 1917');
	await passage.fill(PASSAGE);
	await press(page.getByRole('button', { name: 'Find cards' }), touch);
	await press(page.getByRole('button', { name: 'Accept all dates' }), touch);
	const edited = page.getByRole('article', {
		name: 'Candidate: When did the Red Guards storm the Winter Palace?'
	});
	await edited.getByLabel('Answer').fill('25 October 1917 (Old Style)');
	const rejected = page.getByRole('article', {
		name: 'Candidate: What happened on 25 October 1917?'
	});
	await press(rejected.getByRole('button', { name: 'Reject' }), touch);
	// The passage's dates less the one rejected.
	const accepted =
		(await page
			.getByRole('region', { name: /^Dates/ })
			.getByRole('article')
			.count()) - 1;
	const save = page.getByRole('button', { name: `Save deck (${accepted} accepted)` });
	const decksBefore = await readStore(page, 'decks');

	const release = await openJournalAsAnotherTab(page);
	await press(save, touch);
	const notSaved = notSavedAlert(page);
	await expect(notSaved).toBeVisible();

	await endJournalInAnotherTab(page, release);
	// The screen was made again: the whole draft and the message are still there, nothing stored.
	await expect(notSaved).toBeVisible();
	await expect(name).toHaveValue('Petrograd 1917');
	await expect(passage).toHaveValue(PASSAGE);
	await expect(edited.getByLabel('Answer')).toHaveValue('25 October 1917 (Old Style)');
	await expect(rejected.getByRole('button', { name: 'Reject' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	expect(await readStore(page, 'decks')).toEqual(decksBefore);

	// Saving again stores the deck, once, with the edit; the message goes.
	await press(save, touch);
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
		`Saved “Petrograd 1917” with ${accepted} notes.`
	);
	await expect(notSaved).toBeHidden();
	const made = (await readStore<{ id: string; name: string }>(page, 'decks')).filter(
		(deck) => deck.name === 'Petrograd 1917'
	);
	expect(made).toHaveLength(1);
	const notes = await readStore<{ deckId: string; fields: Record<string, string> }>(page, 'notes');
	const saved = notes.filter((note) => note.deckId === made[0]?.id);
	expect(saved).toHaveLength(accepted);
	expect(saved.map((note) => note.fields.Back)).toContain('25 October 1917 (Old Style)');
});
