// Proves a person can add a note of each built-in type — basic, reversed, cloze (made with the
// "Make cloze" helper) and type-in — see a live preview of its cards, find the note stored in
// IndexedDB, and then study exactly those cards, typing the answer for the type-in card.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore, studyOnlyNewNotes } from './fixtures';

interface StoredNote {
	noteTypeId: string;
	fields: Record<string, string>;
	tags: string[];
}

async function addNote(page: Page, type: string, fields: Record<string, string>, cards: number) {
	await page.getByLabel('Note type').selectOption(type);
	for (const [name, value] of Object.entries(fields)) {
		await page.getByLabel(name, { exact: true }).fill(value);
	}
	await expect(page.getByTestId('preview-cards').getByRole('listitem')).toHaveCount(cards);
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText(`Added ${cards} card${cards === 1 ? '' : 's'}.`)).toBeVisible();
}

test('add each note type, preview it, then study it', async ({ page, isMobile }) => {
	await studyOnlyNewNotes(page);

	await page.goto(`/add?deck=${BUNDLED_DECK_ID}`);
	await page.getByLabel('Tags').fill('added e2e');

	await addNote(page, 'basic', { Front: 'Capital of Georgia?', Back: 'Tbilisi' }, 1);
	await addNote(page, 'basic-reversed', { Front: 'Koba', Back: 'Stalin’s nickname' }, 2);

	// Cloze: select a word and press "Make cloze", twice, for two cards.
	await page.getByLabel('Note type').selectOption('cloze');
	const text = page.getByLabel('Text', { exact: true });
	await text.fill('Lenin arrived at Smolny');
	await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 5));
	await page.getByRole('button', { name: /Make cloze/ }).click();
	await text.evaluate((el: HTMLTextAreaElement) => {
		const at = el.value.indexOf('Smolny');
		el.setSelectionRange(at, at + 'Smolny'.length);
	});
	await page.getByRole('button', { name: /Make cloze/ }).click();
	await expect(text).toHaveValue('{{c1::Lenin}} arrived at {{c2::Smolny}}');
	await expect(page.getByTestId('preview-cards').getByRole('listitem')).toHaveCount(2);
	await expect(page.getByTestId('preview-cards')).toContainText('[…] arrived at Smolny');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByText('Added 2 cards.')).toBeVisible();

	await addNote(page, 'type-in', { Front: 'Year of the October revolution?', Back: '1917' }, 1);

	// A note that makes no card is refused with one sentence, and nothing is stored.
	await page.getByLabel('Note type').selectOption('basic');
	await page.getByLabel('Back', { exact: true }).fill('only a back');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(/would make no card/);

	const added = (await readStore<StoredNote>(page, 'notes')).filter((n) => n.tags.includes('e2e'));
	expect(added.map((n) => n.noteTypeId).sort()).toEqual(
		['basic', 'basic-reversed', 'cloze', 'type-in'].sort()
	);
	expect(added.find((n) => n.noteTypeId === 'cloze')!.fields.Text).toBe(
		'{{c1::Lenin}} arrived at {{c2::Smolny}}'
	);

	// Study them: six cards, only the new ones (everything else is suspended).
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const fronts: string[] = [];
	const done = page.getByRole('heading', { name: 'All done for now' });
	const question = page.getByRole('region', { name: 'Question' });
	for (let i = 0; i < 8; i++) {
		await expect(question.or(done)).toBeVisible();
		if (await done.isVisible()) {
			break;
		}
		fronts.push((await question.textContent())?.trim() ?? '');
		const typeIn = question.getByRole('textbox', { name: 'Type the answer' });
		if (await typeIn.count()) {
			await typeIn.fill('1917');
			await typeIn.press('Enter');
			await expect(page.getByText('You typed: 1917 ✓')).toBeVisible();
		} else {
			await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
		}
		await press(page.getByRole('button', { name: /^Easy/ }), isMobile);
		await expect(page.getByText(`${i + 1} answered`)).toBeVisible();
	}
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	expect(fronts.sort()).toEqual(
		[
			'Capital of Georgia?',
			'Koba',
			'Stalin’s nickname',
			'[…] arrived at Smolny',
			'Lenin arrived at […]',
			'Year of the October revolution?'
		].sort()
	);
});
