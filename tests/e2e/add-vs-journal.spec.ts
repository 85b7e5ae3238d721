// A note added while another tab's restore or import holds its journal open is refused: the Add
// screen says it was not saved and why, and keeps what was typed. When the other tab's journal
// ends the layout makes the screen again (to read the collection anew): the message and the
// typed note stay, nothing is stored meanwhile, and adding again stores the note once.
import { expect, test } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { endJournalInAnotherTab, notSavedAlert, openJournalAsAnotherTab } from './journal-helpers';

test("a note refused during another tab's import keeps its message and fields, and adds once", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/add?deck=${BUNDLED_DECK_ID}`);
	const front = page.getByLabel('Front', { exact: true });
	const back = page.getByLabel('Back', { exact: true });
	const tags = page.getByLabel('Tags');
	const addButton = page.getByRole('button', { name: 'Add', exact: true });
	await front.fill('Who led the Red Guards into the Winter Palace?');
	await back.fill('Antonov-Ovseyenko');
	await tags.fill('journal-e2e');
	const notesBefore = await readStore<{ id: string }>(page, 'notes');

	const release = await openJournalAsAnotherTab(page);
	await press(addButton, touch);
	const notSaved = notSavedAlert(page);
	await expect(notSaved).toBeVisible();
	await expect(front).toHaveValue('Who led the Red Guards into the Winter Palace?');

	await endJournalInAnotherTab(page, release);
	// The screen was made again: the message and the typed note are still there, nothing stored.
	await expect(notSaved).toBeVisible();
	await expect(front).toHaveValue('Who led the Red Guards into the Winter Palace?');
	await expect(back).toHaveValue('Antonov-Ovseyenko');
	await expect(tags).toHaveValue('journal-e2e');
	expect(await readStore(page, 'notes')).toEqual(notesBefore);

	// Adding again stores it, once; the message goes and the fields clear for the next note.
	await press(addButton, touch);
	await expect(page.getByText('Added 1 card.')).toBeVisible();
	await expect(notSaved).toBeHidden();
	await expect(front).toHaveValue('');
	const added = (await readStore<{ tags: string[] }>(page, 'notes')).filter((note) =>
		note.tags.includes('journal-e2e')
	);
	expect(added).toHaveLength(1);
	expect(await readStore(page, 'notes')).toHaveLength(notesBefore.length + 1);
});
