// A note edited in Browse (or on the study screen) and saved while another tab's restore or import holds its journal open
// is refused: the editor says it was not saved and why, and keeps the typing. When the other
// tab's journal ends the layout makes the screen again: the editor is still open on that note,
// with the message and the typing; the note is read anew, so a field the other tab wrote shows
// its new text (saving does not put the old one back); saving again stores the edit once.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, putRecords, readStore } from './fixtures';
import { endJournalInAnotherTab, notSavedAlert, openJournalAsAnotherTab } from './journal-helpers';
import { menuItem, question } from './study-helpers';

/** Saves while another tab holds a journal open: refused, and said so in the editor. */
async function saveRefused(page: Page, dialog: Locator, touch: boolean) {
	const release = await openJournalAsAnotherTab(page);
	await press(dialog.getByRole('button', { name: 'Save' }), touch);
	const notSaved = notSavedAlert(dialog);
	await expect(notSaved).toBeVisible();
	return { release, notSaved };
}

interface StoredNote {
	id: string;
	noteTypeId: string;
	fields: Record<string, string>;
	tags: string[];
	mtime: number;
}

test("an edit refused during another tab's import stays in the editor, read anew, and saves once", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto('/browse');
	// Once the collection is open and read (a first start writes the bundled decks).
	await expect(page.getByTestId('result-count')).toHaveText(/^[1-9]\d* cards$/);
	const notes = await readStore<StoredNote>(page, 'notes');
	const note = notes.find((n) => n.noteTypeId === 'basic')!;
	await page.getByLabel('Search cards').fill(`nid:${note.id}`);
	await expect(page.getByTestId('result-count')).toHaveText('1 card');
	await press(page.getByRole('button', { name: /^Edit note: / }).first(), touch);
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	const front = dialog.getByLabel('Front', { exact: true });
	const back = dialog.getByLabel('Back', { exact: true });
	const tags = dialog.getByLabel('Tags');
	await expect(front).toHaveValue(note.fields.Front!);
	await front.fill('An edited front');
	await tags.fill('kept-e2e');

	const { release, notSaved } = await saveRefused(page, dialog, touch);
	// The other tab's import writes the note's back meanwhile.
	await putRecords(page, 'notes', [{ ...note, fields: { ...note.fields, Back: 'Imported back' } }]);

	await endJournalInAnotherTab(page, release);
	await expect(dialog).toBeVisible();
	await expect(notSaved).toBeVisible();
	await expect(front).toHaveValue('An edited front');
	await expect(tags).toHaveValue('kept-e2e');
	await expect(back).toHaveValue('Imported back');
	const stored = (await readStore<StoredNote>(page, 'notes')).find((n) => n.id === note.id)!;
	expect(stored.fields).toEqual({ ...note.fields, Back: 'Imported back' });

	await press(dialog.getByRole('button', { name: 'Save' }), touch);
	await expect(dialog).toBeHidden();
	const saved = (await readStore<StoredNote>(page, 'notes')).find((n) => n.id === note.id)!;
	expect(saved.fields).toEqual({ ...note.fields, Front: 'An edited front', Back: 'Imported back' });
	expect(saved.tags).toEqual(['kept-e2e']);
});

// The same on the study screen: its note editor stays open over the screen made again.
test("an edit on the study screen refused during another tab's import stays open, and saves once", async ({
	page
}, info) => {
	test.setTimeout(60_000);
	const touch = info.project.name === 'Pixel 7';
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	await menuItem(page, /Edit note/, touch);
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	const first = dialog.getByRole('textbox').first();
	const original = await first.inputValue();
	await first.fill(`${original} (edited)`);

	const { release, notSaved } = await saveRefused(page, dialog, touch);
	await endJournalInAnotherTab(page, release);
	await expect(dialog).toBeVisible();
	await expect(notSaved).toBeVisible();
	await expect(first).toHaveValue(`${original} (edited)`);
	const edited = (notes: StoredNote[]) =>
		notes.filter((n) => Object.values(n.fields).includes(`${original} (edited)`));
	expect(edited(await readStore<StoredNote>(page, 'notes'))).toEqual([]);

	await press(dialog.getByRole('button', { name: 'Save' }), touch);
	await expect(dialog).toBeHidden();
	expect(edited(await readStore<StoredNote>(page, 'notes'))).toHaveLength(1);
});
