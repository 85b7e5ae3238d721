// A person changes a note's type from the study screen's note editor: Basic to Basic (and
// reversed) previews and creates the reverse card, which then comes up in the session; changing
// to Cloze previews and, after the explicit "delete" button, deletes that card; undo restores it.
// Every step is checked against IndexedDB.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore, studyOnlyNewNotes } from './fixtures';

interface StoredNote {
	id: string;
	noteTypeId: string;
	fields: Record<string, string>;
}

interface StoredCard {
	id: string;
	noteId: string;
	ord: number;
	queue: string;
}

async function noteAndCards(page: Page) {
	const note = (await readStore<StoredNote>(page, 'notes')).find(
		(n) => n.fields.Front === 'Capital of Georgia?' || n.fields.Text === 'Capital of Georgia?'
	)!;
	const cards = (await readStore<StoredCard>(page, 'cards'))
		.filter((c) => c.noteId === note.id)
		.sort((a, b) => a.ord - b.ord);
	return { note, cards };
}

async function openEditor(page: Page, touch: boolean) {
	await press(page.getByRole('button', { name: 'More actions' }), touch);
	await press(page.getByRole('button', { name: /Edit note/ }), touch);
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	await expect(dialog).toBeVisible();
	await press(dialog.getByRole('button', { name: 'Change note type…' }), touch);
	return dialog;
}

test('change a Basic note to Basic (and reversed), meet the new card, then to Cloze and undo', async ({
	page,
	isMobile
}) => {
	await studyOnlyNewNotes(page);
	await page.goto(`/add?deck=${BUNDLED_DECK_ID}`);
	await page.getByLabel('Note type').selectOption('basic');
	await page.getByLabel('Front', { exact: true }).fill('Capital of Georgia?');
	await page.getByLabel('Back', { exact: true }).fill('Tbilisi');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('Added 1 card.')).toBeVisible();
	const original = (await noteAndCards(page)).cards;
	expect(original).toHaveLength(1);

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(page.getByRole('region', { name: 'Question' })).toContainText('Capital of Georgia?');
	let dialog = await openEditor(page, isMobile);
	await dialog.getByLabel('New note type').selectOption({ label: 'Basic (and reversed card)' });
	await expect(dialog.getByLabel('“Front” takes')).toHaveValue('Front');
	await expect(dialog.getByLabel('“Back” takes')).toHaveValue('Back');
	const plan = dialog.getByRole('list', { name: 'Cards after the change' });
	await expect(plan.getByRole('listitem')).toHaveText([
		'Keeps Card 1 as Card 1, with its schedule',
		'Creates Card 2 (new)'
	]);
	await press(dialog.getByRole('button', { name: 'Change note type' }), isMobile);
	await expect(dialog.getByRole('status')).toContainText(
		'Changed from Basic to Basic (and reversed card): 1 card created, 0 deleted.'
	);
	let stored = await noteAndCards(page);
	expect(stored.note.noteTypeId).toBe('basic-reversed');
	expect(stored.cards.map((c) => c.ord)).toEqual([0, 1]);
	expect(stored.cards[0]!.id).toBe(original[0]!.id);
	await press(dialog.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(dialog).toBeHidden();

	// The extra card comes up in the session: its question is the note's back.
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: /^Easy/ }), isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toContainText('Tbilisi');

	dialog = await openEditor(page, isMobile);
	// Typed but not saved: the type change must carry it, not drop it, and must not save it.
	const typed = 'Capital of {{c1::Georgia}}?';
	await dialog.getByLabel('Front', { exact: true }).fill(typed);
	await dialog.getByLabel('New note type').selectOption({ label: 'Cloze' });
	await expect(dialog.getByLabel('“Text” takes')).toHaveValue('Front');
	await expect(dialog.getByLabel('“Extra” takes')).toHaveValue('Back');
	await expect(plan.getByRole('listitem')).toHaveText([
		'Keeps Card 1 as Cloze 1, with its schedule',
		'Deletes Card 2 and its schedule'
	]);
	await press(dialog.getByRole('button', { name: 'Change and delete 1 card' }), isMobile);
	await expect(dialog.getByRole('status')).toContainText('0 cards created, 1 deleted.');
	stored = await noteAndCards(page);
	expect(stored.note.noteTypeId).toBe('cloze');
	expect(stored.note.fields).toEqual({ Text: 'Capital of Georgia?', Extra: 'Tbilisi' });
	expect(stored.cards.map((c) => c.id)).toEqual([original[0]!.id]);
	await expect(dialog.getByLabel('Text', { exact: true })).toHaveValue(typed);
	await expect(dialog.getByLabel('Extra', { exact: true })).toHaveValue('Tbilisi');

	await press(dialog.getByRole('button', { name: 'Undo note type change' }), isMobile);
	await expect(dialog.getByText('Note type: Basic (and reversed card)')).toBeVisible();
	stored = await noteAndCards(page);
	expect(stored.note.noteTypeId).toBe('basic-reversed');
	expect(stored.cards.map((c) => c.ord)).toEqual([0, 1]);
	await expect(dialog.getByLabel('Front', { exact: true })).toHaveValue(typed);
	expect(stored.note.fields.Front).toBe('Capital of Georgia?');
	await press(dialog.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toContainText('Tbilisi');
});
