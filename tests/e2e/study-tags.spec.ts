// Proves the study menu's quick tag editor and "Previous card info", by keyboard on desktop
// (Ctrl+Shift+T, Ctrl+Alt+I, Ctrl+Z) and by thumb on Pixel 7: tags typed and removed in the
// "Edit tags" dialog (axe-checked) are written to the card's note in IndexedDB with its fields
// and field mtimes untouched, the answer stays shown, and Undo puts the tags back; after an
// answer, Previous card info opens Card info for the card just answered, not the one on screen.
import { expect, test, type Page } from '@playwright/test';
import { checkScreenState } from './a11y-checks';
import { answerGood, BUNDLED_DECK_ID, press, putRecords, readStore } from './fixtures';
import { menuItem, question } from './study-helpers';

interface Note {
	id: string;
	tags: string[];
	fields: Record<string, string>;
	fieldMtimes: Record<string, number>;
	mtime: number;
}
interface Card {
	id: string;
	noteId: string;
}

/** Every note tagged `history russia`, so there is a tag to remove. */
async function tagEveryNote(page: Page): Promise<void> {
	const notes = await readStore<Note>(page, 'notes');
	await putRecords(
		page,
		'notes',
		notes.map((note) => ({ ...note, tags: ['history', 'russia'] }))
	);
}

test('Edit tags adds and removes tags of the note on screen, and Undo puts them back', async ({
	page,
	isMobile
}) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	await tagEveryNote(page);
	await page.reload();
	await expect(question(page)).toBeVisible();
	const before = await readStore<Note>(page, 'notes');
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);

	if (isMobile) {
		await menuItem(page, /^Edit tags/, true);
	} else {
		await page.keyboard.press('Control+Shift+T');
	}
	const dialog = page.getByRole('dialog', { name: 'Edit tags' });
	await expect(dialog).toBeVisible();
	const tags = dialog.getByRole('list', { name: 'Tags of this note' });
	await expect(tags.getByRole('listitem')).toHaveText([/history/, /russia/]);
	await checkScreenState(page, 'study-edit-tags', isMobile);

	await press(dialog.getByRole('button', { name: 'Remove tag russia' }), isMobile);
	await dialog.getByLabel('Add tags').fill('verbs  History to-check');
	if (isMobile) {
		await press(dialog.getByRole('button', { name: 'Add', exact: true }), true);
	} else {
		await page.keyboard.press('Enter');
	}
	// "History" is the tag already there (tags compare without case): it is not added twice.
	await expect(tags.getByRole('listitem')).toHaveText([/history/, /verbs/, /to-check/]);
	await press(dialog.getByRole('button', { name: 'Save tags' }), isMobile);
	await expect(dialog).toBeHidden();
	await expect(page.getByText('Tags saved.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();

	// Exactly one note changed: the card's; its fields and their mtimes are as they were.
	const changed = (await readStore<Note>(page, 'notes')).filter(
		(n) => n.tags.length !== 2 || n.tags[1] !== 'russia'
	);
	expect(changed).toHaveLength(1);
	const saved = changed[0]!;
	const was = before.find((n) => n.id === saved.id)!;
	expect(saved.tags).toEqual(['history', 'verbs', 'to-check']);
	expect(saved.fields).toEqual(was.fields);
	expect(saved.fieldMtimes).toEqual(was.fieldMtimes);
	expect(saved.mtime).toBeGreaterThan(was.mtime);

	if (isMobile) {
		await press(page.getByRole('button', { name: 'Undo' }), true);
	} else {
		await page.keyboard.press('Control+z');
	}
	await expect(page.getByText('Undone.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();
	const undone = (await readStore<Note>(page, 'notes')).find((n) => n.id === saved.id)!;
	expect(undone.tags).toEqual(['history', 'russia']);
});

test('Previous card info shows the card just answered', async ({ page, isMobile }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	const menu = page.getByRole('dialog', { name: 'Card actions' });
	await expect(menu.getByRole('button', { name: /^Previous card info/ })).toBeDisabled();
	await press(menu.getByRole('button', { name: 'Close' }), isMobile);

	await answerGood(page, isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const [review] = await readStore<{ cardId: string }>(page, 'reviews');
	const answered = (await readStore<Card>(page, 'cards')).find((c) => c.id === review!.cardId)!;

	if (isMobile) {
		await menuItem(page, /^Previous card info/, true);
	} else {
		await page.keyboard.press('Control+Alt+i');
	}
	const info = page.getByRole('dialog', { name: 'Card info' });
	const figures = info.getByRole('table', { name: 'Figures' });
	await expect(figures.getByRole('row', { name: `Card ID ${answered.id}` })).toBeVisible();
	await expect(figures.getByRole('row', { name: 'Reviews 1', exact: true })).toBeVisible();
	await expect(info.getByRole('table', { name: 'Reviews' }).getByRole('row')).toHaveCount(2);
});
