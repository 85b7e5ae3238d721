// Proves the card browser: search by text, tag and state against what IndexedDB holds; Anki's
// search syntax (tag:, deck: with subdecks, is:, flag:, negation) and its error message; bulk
// suspend; bulk delete with confirmation and undo that brings everything back; bulk flag with
// undo and the flag filter; moving through the grid by keyboard; editing a note from the list;
// and the rest of Anki's syntax (or, groups, field searches, note types, rated:, prop:, re:,
// w:, card:, preset:, is:leech, and why prop:ease cannot match) against what IndexedDB holds. The 100,000-card checks are in browse-100k.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { readStore } from './fixtures';

interface StoredNote {
	id: string;
	fields: Record<string, string>;
	tags: string[];
}
interface StoredCard {
	id: string;
	noteId: string;
	queue: string;
	flag?: number;
}

const count = (page: Page) => page.getByTestId('result-count');
const grid = (page: Page) => page.getByRole('grid', { name: 'Cards' });
const rows = (page: Page) => grid(page).getByRole('row');

test('search by text, tag and state', async ({ page }) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const cards = await readStore<StoredCard>(page, 'cards');
	const notes = await readStore<StoredNote>(page, 'notes');
	await expect(count(page)).toHaveText(`${cards.length} cards`);

	await page.getByLabel('Search cards').fill('lenin');
	// As in Anki, plain text matches the fields, not the tags.
	const withLenin = notes.filter((n) =>
		Object.values(n.fields).join(' ').toLowerCase().includes('lenin')
	);
	const expected = cards.filter((c) => withLenin.some((n) => n.id === c.noteId)).length;
	expect(expected).toBeGreaterThan(0);
	await expect(count(page)).toHaveText(`${expected} card${expected === 1 ? '' : 's'}`);
	await expect(rows(page)).toHaveCount(expected);

	await page.getByLabel('Search cards').fill('');
	const tag = notes[0]!.tags[0]!;
	await page.getByLabel('Tag').selectOption(tag);
	const tagged = cards.filter((c) =>
		notes.some((n) => n.id === c.noteId && n.tags.includes(tag))
	).length;
	await expect(count(page)).toHaveText(`${tagged} card${tagged === 1 ? '' : 's'}`);

	await page.getByLabel('Tag').selectOption('');
	await page.getByLabel('State').selectOption('review');
	await expect(count(page)).toHaveText('0 cards');
	await expect(page.getByText('No cards match this search.')).toBeVisible();
	await page.getByLabel('State').selectOption('new');
	await expect(count(page)).toHaveText(`${cards.length} cards`);

	await page.getByLabel('Sort by').selectOption('question');
	const firstAsc = await rows(page).first().textContent();
	await page.getByRole('button', { name: 'Sorted ascending' }).click();
	await expect(rows(page).first()).not.toHaveText(firstAsc ?? '');
});

test('bulk suspend, then delete with confirmation and undo', async ({ page }) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const before = await readStore<StoredCard>(page, 'cards');
	const notesBefore = await readStore<StoredNote>(page, 'notes');
	await expect(count(page)).toHaveText(`${before.length} cards`);

	const boxes = page.getByRole('checkbox', { name: /^Select (?!all)/ });
	await boxes.nth(0).check();
	await boxes.nth(1).check();
	const bar = page.getByRole('toolbar', { name: 'Selected cards' });
	await expect(bar).toContainText('2 cards selected');
	await bar.getByRole('button', { name: 'Suspend', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: '2 cards suspended.' })).toBeVisible();
	const suspended = (await readStore<StoredCard>(page, 'cards')).filter(
		(c) => c.queue === 'suspended'
	);
	expect(suspended).toHaveLength(2);
	await page.getByLabel('State').selectOption('suspended');
	await expect(count(page)).toHaveText('2 cards');
	await page.getByLabel('State').selectOption('');

	// Delete: asks first; Cancel changes nothing.
	await bar.getByRole('button', { name: 'Delete' }).click();
	const confirm = page.getByRole('dialog', { name: 'Delete notes?' });
	await expect(confirm).toBeVisible();
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	expect(await readStore<StoredCard>(page, 'cards')).toHaveLength(before.length);

	await bar.getByRole('button', { name: 'Delete' }).click();
	await confirm.getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'deleted.' })).toBeVisible();
	const afterDelete = await readStore<StoredCard>(page, 'cards');
	expect(afterDelete.length).toBeLessThan(before.length);
	expect((await readStore<StoredNote>(page, 'notes')).length).toBeLessThan(notesBefore.length);
	await expect(count(page)).toHaveText(
		`${afterDelete.length} card${afterDelete.length === 1 ? '' : 's'}`
	);

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(count(page)).toHaveText(`${before.length} cards`);
	const restored = await readStore<StoredCard>(page, 'cards');
	expect(restored.map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
	expect(restored.filter((c) => c.queue === 'suspended')).toHaveLength(2);
	expect(await readStore<StoredNote>(page, 'notes')).toHaveLength(notesBefore.length);
});

const cardsText = (n: number) => `${n} card${n === 1 ? '' : 's'}`;

test('search syntax: tag:, deck: with subdecks, is:, flag:, negation, and a clear error', async ({
	page
}) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const cards = await readStore<StoredCard>(page, 'cards');
	const notes = await readStore<StoredNote>(page, 'notes');
	await expect(count(page)).toHaveText(cardsText(cards.length));
	const search = page.getByLabel('Search cards');

	const tag = notes[0]!.tags[0]!;
	const tagged = new Set(
		notes
			.filter((n) =>
				n.tags.some((t) => t.toLowerCase() === tag.toLowerCase() || t.startsWith(`${tag}::`))
			)
			.map((n) => n.id)
	);
	const withTag = cards.filter((c) => tagged.has(c.noteId)).length;
	await search.fill(`tag:${tag.toUpperCase()}`);
	await expect(count(page)).toHaveText(cardsText(withTag));
	await search.fill(`-tag:${tag}`);
	await expect(count(page)).toHaveText(cardsText(cards.length - withTag));

	// The bundled deck is History::October 1917: deck:History includes it, its leaf name alone
	// is not a deck.
	await search.fill('deck:History');
	await expect(count(page)).toHaveText(cardsText(cards.length));
	await search.fill('deck:"October 1917"');
	await expect(page.getByText('No cards match this search.')).toBeVisible();
	await search.fill('deck:"History::October 1917" is:new -flag:0');
	await expect(count(page)).toHaveText('0 cards');
	await search.fill('is:new -lenin');
	const lenin = new Set(
		notes
			.filter((n) => Object.values(n.fields).join(' ').toLowerCase().includes('lenin'))
			.map((n) => n.id)
	);
	await expect(count(page)).toHaveText(cardsText(cards.filter((c) => !lenin.has(c.noteId)).length));

	// A term it cannot read: one sentence, and the results stay as they were.
	await search.fill('is:sleeping');
	await expect(page.getByRole('alert')).toHaveText(
		'“is:sleeping” is not a card state: use new, learning, review, due, suspended, buried or leech.'
	);
	await expect(count(page)).toHaveText(cardsText(cards.filter((c) => !lenin.has(c.noteId)).length));
	await expect(search).toHaveAttribute('aria-invalid', 'true');

	await page.getByText('Search syntax').click();
	await expect(page.getByText(/a leading - excludes/)).toBeVisible();
});

test('keyboard: arrows, Home/End and PageDown move through the grid; Space selects, Enter opens', async ({
	page
}) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const total = (await readStore<StoredCard>(page, 'cards')).length;
	// Tab from the sort direction button, past Select all, into the grid.
	await page.getByRole('button', { name: 'Sorted ascending' }).focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await expect(grid(page)).toBeFocused();
	const active = async () => {
		const id = await grid(page).getAttribute('aria-activedescendant');
		return page.locator(`[id="${id}"]`);
	};
	await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'browse-row-0');
	await expect(grid(page)).toHaveAttribute('aria-rowcount', String(total));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(await active()).toHaveAttribute('aria-rowindex', '3');
	// Focus is visible on the active row.
	expect(await (await active()).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
	await page.keyboard.press('End');
	await expect(await active()).toHaveAttribute('aria-rowindex', String(total));
	await expect(await active()).toBeInViewport();
	await page.keyboard.press('Home');
	await expect(await active()).toHaveAttribute('aria-rowindex', '1');
	await page.keyboard.press('PageDown');
	const afterPage = Number(await (await active()).getAttribute('aria-rowindex'));
	expect(afterPage).toBeGreaterThan(2);
	await expect(await active()).toBeInViewport();
	await page.keyboard.press('ArrowUp');
	await expect(await active()).toHaveAttribute('aria-rowindex', String(afterPage - 1));

	await page.keyboard.press('Space');
	await expect(await active()).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('toolbar', { name: 'Selected cards' })).toContainText(
		'1 card selected'
	);
	await expect(grid(page)).toBeFocused();
	await page.keyboard.press('Space');
	await expect(await active()).toHaveAttribute('aria-selected', 'false');

	const question = (await (
		await active()
	)
		.getByRole('button', { name: /^Edit note: / })
		.getAttribute('aria-label'))!;
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	await expect(dialog).toBeVisible();
	const firstField = await dialog.getByRole('textbox').first().inputValue();
	expect(question.replace('Edit note: ', '').slice(0, 20)).toBe(
		firstField.replace(/<[^>]*>/g, '').slice(0, 20)
	);
});

test('bulk flag with undo, and the flag filter', async ({ page }) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const boxes = page.getByRole('checkbox', { name: /^Select (?!all)/ });
	await boxes.nth(0).check();
	await boxes.nth(2).check();
	const bar = page.getByRole('toolbar', { name: 'Selected cards' });
	await bar.getByLabel('Flag colour').selectOption({ label: 'Red' });
	await bar.getByRole('button', { name: 'Set flag' }).click();
	await expect(page.getByRole('status').filter({ hasText: '2 cards flagged red.' })).toBeVisible();
	const red = (await readStore<StoredCard>(page, 'cards')).filter((c) => c.flag === 1);
	expect(red).toHaveLength(2);

	await page.getByLabel('Flag', { exact: true }).selectOption({ label: 'Red' });
	await expect(count(page)).toHaveText('2 cards');
	await expect(rows(page).filter({ hasText: 'Red' })).toHaveCount(2);
	await page.getByLabel('Flag', { exact: true }).selectOption('');
	await page.getByLabel('Search cards').fill('flag:1');
	await expect(count(page)).toHaveText('2 cards');

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(count(page)).toHaveText('0 cards');
	expect((await readStore<StoredCard>(page, 'cards')).filter((c) => c.flag)).toEqual([]);
});

test('open a note from the list and edit its fields and tags', async ({ page }) => {
	await page.goto('/browse');
	await page
		.getByRole('button', { name: /^Edit note: / })
		.first()
		.click();
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	await expect(dialog).toBeVisible();
	await dialog.getByLabel('Tags').fill('checked by-browse');
	// Append, so a cloze note keeps its deletions.
	const first = dialog.getByRole('textbox').first();
	const original = await first.inputValue();
	await first.fill(`${original} An edited question`);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	// A tag search (plain text does not look in tags): only the edited note's cards match.
	await page.getByLabel('Search cards').fill('tag:by-browse');
	await expect(count(page)).toHaveText(/^[12] cards?$/);
	const notes = await readStore<StoredNote>(page, 'notes');
	const edited = notes.find((n) => n.tags.includes('by-browse'))!;
	expect(edited.tags).toEqual(['checked', 'by-browse']);
	expect(Object.values(edited.fields)).toContain(`${original} An edited question`);
});

test('text search matches what the card shows, not its HTML', async ({ page }) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	await page
		.getByRole('button', { name: /^Edit note: / })
		.first()
		.click();
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	const markup =
		'<div class="zqx"><span style="color:red">Quetzal&nbsp;harbour&hellip;</span></div><img src="zqx.jpg">';
	await dialog.getByRole('textbox').first().fill(markup);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(dialog).toBeHidden();
	const notes = await readStore<StoredNote>(page, 'notes');
	const note = notes.find((n) => Object.values(n.fields).includes(markup))!;
	const cards = (await readStore<StoredCard>(page, 'cards')).filter((c) => c.noteId === note.id);
	expect(cards.length).toBeGreaterThan(0);

	const search = page.getByLabel('Search cards');
	// Words only in the markup (a class, a tag, a style, an entity's name, an image file).
	for (const hidden of ['zqx', 'span', 'color', 'nbsp', 'hellip', 'jpg']) {
		await search.fill(hidden);
		await expect(count(page), hidden).toHaveText('0 cards');
	}
	// What the card shows: the no-break space reads as a space, &hellip; as "…".
	await search.fill('quetzal harbour…');
	await expect(count(page)).toHaveText(cardsText(cards.length));
	await expect(rows(page).first()).toContainText('Quetzal harbour…');
});

test('Anki syntax: or, groups, field searches, note types, rated:, prop:, re:, w: and card:', async ({
	page
}) => {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const cards = await readStore<StoredCard>(page, 'cards');
	const notes = await readStore<StoredNote & { noteTypeId: string }>(page, 'notes');
	const types = await readStore<{ id: string; name: string }>(page, 'noteTypes');
	await expect(count(page)).toHaveText(cardsText(cards.length));
	const noteById = new Map(notes.map((n) => [n.id, n]));
	const plain = (html: string) => html.replace(/<[^>]*>/g, '').toLowerCase();
	const has = (n: StoredNote, word: string) =>
		Object.values(n.fields).some((f) => plain(f).includes(word));
	const cardsWhere = (test: (n: StoredNote & { noteTypeId: string }) => boolean) =>
		cards.filter((c) => test(noteById.get(c.noteId)!)).length;
	const search = page.getByLabel('Search cards');

	const either = cardsWhere((n) => has(n, 'lenin') || has(n, 'petrograd'));
	expect(either).toBeGreaterThan(cardsWhere((n) => has(n, 'lenin')));
	await search.fill('lenin OR petrograd');
	await expect(count(page)).toHaveText(cardsText(either));
	await search.fill('-(lenin or petrograd)');
	await expect(count(page)).toHaveText(cardsText(cards.length - either));
	await search.fill('(lenin or petrograd) -tag:none');
	await expect(count(page)).toHaveText(
		cardsText(cardsWhere((n) => (has(n, 'lenin') || has(n, 'petrograd')) && n.tags.length > 0))
	);

	// A whole field, exactly, by name; then its first word with a wildcard.
	const [field, html] = notes
		.flatMap((n) => Object.entries(n.fields))
		.find(([name, value]) => /^[\w ]+$/.test(name) && /^[a-z0-9 ]{4,}$/i.test(plain(value)))!;
	const value = plain(html);
	await search.fill(`"${field.toLowerCase()}:${value}"`);
	await expect(count(page)).toHaveText(
		cardsText(cardsWhere((n) => n.fields[field] !== undefined && plain(n.fields[field]) === value))
	);
	const word = value.split(' ')[0]!;
	await search.fill(`"${field}:${word}*"`);
	await expect(count(page)).toHaveText(
		cardsText(
			cardsWhere((n) => n.fields[field] !== undefined && plain(n.fields[field]).startsWith(word))
		)
	);

	// Note types by name, with a wildcard.
	const basic = new Set(types.filter((t) => t.name.startsWith('Basic')).map((t) => t.id));
	await search.fill('note:basic*');
	await expect(count(page)).toHaveText(cardsText(cardsWhere((n) => basic.has(n.noteTypeId))));

	// Nothing has been answered yet; regexes are checked before searching.
	await search.fill('rated:1');
	await expect(page.getByText('No cards match this search.')).toBeVisible();
	await search.fill('prop:reps=0 prop:ivl<1 added:1');
	await expect(count(page)).toHaveText(cardsText(cards.length));
	await search.fill('"re:lenin|petrograd"');
	await expect(count(page)).toHaveText(cardsText(either));
	await search.fill('"re:(lenin"');
	await expect(page.getByRole('alert')).toHaveText(
		'“re:(lenin” is not a valid regular expression.'
	);
	await search.fill('(lenin or petrograd');
	await expect(page.getByRole('alert')).toHaveText('A “(” is never closed: add a “)”.');
	await expect(count(page)).toHaveText(cardsText(either));

	// Newer terms: whole words, the bundled reversed cards by template, and an ease FSRS lacks.
	const whole = /(^|[^\p{L}\p{N}_])lenin([^\p{L}\p{N}_]|$)/u;
	await search.fill('w:lenin');
	await expect(count(page)).toHaveText(
		cardsText(cardsWhere((n) => Object.values(n.fields).some((f) => whole.test(plain(f)))))
	);
	const reversed = cards.filter((c) => (c as StoredCard & { ord: number }).ord === 1).length;
	expect(reversed).toBeGreaterThan(0);
	await search.fill('card:2');
	await expect(count(page)).toHaveText(cardsText(reversed));
	await search.fill('"card:card 2" is:new preset:default');
	await expect(count(page)).toHaveText(cardsText(reversed));
	await search.fill('is:leech');
	await expect(page.getByText('No cards match this search.')).toBeVisible();
	await search.fill('prop:ease>2');
	await expect(page.getByRole('alert')).toHaveText(
		'“prop:ease>2” cannot match: FSRS cards have no ease factor, so use prop:d (difficulty, 0 to 1) instead.'
	);
});
