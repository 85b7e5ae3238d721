// Proves the card browser selects like a desktop list and like a phone app: Space anchors and
// Shift+arrows extend and shrink a range, Ctrl+A selects all and Escape clears; Shift+click selects
// a range and Ctrl+click toggles, while a plain click still opens the note; on a touch screen a
// long press starts selection mode, where a tap toggles; and "select all" minus an unticked card
// suspends every other match (checked in IndexedDB) and Undo puts them all back.
import { expect, test, type Page } from '@playwright/test';
import { readStore } from './fixtures';

interface StoredCard {
	id: string;
	queue: string;
	mtime: number;
}

const count = (page: Page) => page.getByTestId('result-count');
const grid = (page: Page) => page.getByRole('grid', { name: 'Cards' });
const rows = (page: Page) => grid(page).getByRole('row');
const selectedRows = (page: Page) => grid(page).locator('[role="row"][aria-selected="true"]');
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Selected cards' });
const editButton = (page: Page, index: number) =>
	rows(page)
		.nth(index)
		.getByRole('button', { name: /^Edit note: / });

async function openBrowse(page: Page): Promise<number> {
	await page.goto('/browse');
	await expect(count(page)).toHaveText(/^[1-9]\d* cards$/);
	const total = (await readStore<StoredCard>(page, 'cards')).length;
	await expect(count(page)).toHaveText(`${total} cards`);
	return total;
}

async function selectedPositions(page: Page): Promise<number[]> {
	const indexes = await selectedRows(page).evaluateAll((els) =>
		els.map((el) => Number(el.getAttribute('aria-rowindex')) - 1)
	);
	return indexes.sort((a, b) => a - b);
}

test('keyboard: Space anchors, Shift+arrows extend and shrink the range, Ctrl+A and Escape', async ({
	page
}) => {
	const total = await openBrowse(page);
	await grid(page).focus();
	await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'browse-row-0');
	await page.keyboard.press('Space');
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Shift+ArrowDown');
	}
	await expect(bar(page)).toContainText('4 cards selected');
	expect(await selectedPositions(page)).toEqual([0, 1, 2, 3]);
	await page.keyboard.press('Shift+ArrowUp');
	await expect(bar(page)).toContainText('3 cards selected');
	expect(await selectedPositions(page)).toEqual([0, 1, 2]);

	// A plain move leaves the selection; Space there adds one card and anchors a new range.
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Space');
	await page.keyboard.press('Shift+ArrowDown');
	expect(await selectedPositions(page)).toEqual([0, 1, 2, 5, 6]);

	await page.keyboard.press('Control+a');
	await expect(bar(page)).toContainText(`${total} cards selected`);
	await expect(page.getByRole('checkbox', { name: 'Select all' })).toBeChecked();
	await expect(selectedRows(page)).toHaveCount(await rows(page).count());
	await page.keyboard.press('Escape');
	await expect(bar(page)).toBeHidden();
	await expect(selectedRows(page)).toHaveCount(0);
	await expect(grid(page)).toHaveAttribute('aria-multiselectable', 'true');
});

test('mouse: Shift+click selects a range, Ctrl+click toggles, a plain click opens the note', async ({
	page
}) => {
	await openBrowse(page);
	await rows(page).nth(1).getByRole('checkbox').check();
	await editButton(page, 4).click({ modifiers: ['Shift'] });
	await expect(bar(page)).toContainText('4 cards selected');
	expect(await selectedPositions(page)).toEqual([1, 2, 3, 4]);
	await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeHidden();

	await editButton(page, 2).click({ modifiers: ['ControlOrMeta'] });
	expect(await selectedPositions(page)).toEqual([1, 3, 4]);
	// Shift+click on a checkbox extends from the last toggled card (2) too.
	await rows(page)
		.nth(0)
		.getByRole('checkbox')
		.click({ modifiers: ['Shift'] });
	expect(await selectedPositions(page)).toEqual([0, 1, 2, 3, 4]);

	await editButton(page, 6).click();
	await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeVisible();
	expect(await selectedPositions(page)).toEqual([0, 1, 2, 3, 4]);
});

test('touch: a long press starts selection mode, where a tap toggles', async ({
	page
}, testInfo) => {
	test.skip(testInfo.project.name !== 'Pixel 7', 'touch only: the phone project');
	await openBrowse(page);
	const cdp = await page.context().newCDPSession(page);
	const box = (await rows(page).nth(1).boundingBox())!;
	const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
	await page.waitForTimeout(800);
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await expect(bar(page)).toContainText('1 card selected');
	expect(await selectedPositions(page)).toEqual([1]);
	await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeHidden();

	await editButton(page, 3).tap();
	await expect(bar(page)).toContainText('2 cards selected');
	await editButton(page, 1).tap();
	expect(await selectedPositions(page)).toEqual([3]);
	await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeHidden();

	// Once nothing is selected, selection mode ends and a tap opens the note again.
	await bar(page).getByRole('button', { name: 'Clear' }).tap();
	await editButton(page, 3).tap();
	await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeVisible();
});

test('select all minus one card: suspend applies to every other match, and Undo restores all', async ({
	page
}) => {
	const total = await openBrowse(page);
	const selectAll = page.getByRole('checkbox', { name: 'Select all' });
	await selectAll.check();
	await expect(bar(page)).toContainText(`${total} cards selected`);
	const edit = (index: number) =>
		rows(page)
			.nth(index)
			.getByRole('button', { name: /^Edit note/ });
	const kept = (await edit(0).getAttribute('aria-label')) ?? '';
	await rows(page).nth(0).getByRole('checkbox').uncheck();
	await expect(bar(page)).toContainText(`${total - 1} cards selected`);
	await expect(selectAll).not.toBeChecked();

	const before = await readStore<StoredCard>(page, 'cards');
	await bar(page).getByRole('button', { name: 'Suspend', exact: true }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${total - 1} cards suspended.` })
	).toBeVisible();
	const cards = await readStore<StoredCard>(page, 'cards');
	expect(cards.filter((c) => c.queue === 'suspended')).toHaveLength(total - 1);
	const left = cards.filter((c) => c.queue !== 'suspended');
	expect(left).toHaveLength(1);
	await page.getByLabel('State').selectOption('new');
	await expect(count(page)).toHaveText('1 card');
	await expect(edit(0)).toHaveAttribute('aria-label', kept);

	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(count(page)).toHaveText(`${total} cards`);
	const restored = await readStore<StoredCard>(page, 'cards');
	expect(restored.filter((c) => c.queue === 'suspended')).toEqual([]);
	// Exactly as before but for a later mtime (to a sync, an undo is a change like any other).
	const withoutMtime = (cards: StoredCard[]) => cards.map((card) => ({ ...card, mtime: 0 }));
	expect(withoutMtime(restored)).toEqual(withoutMtime(before));
	const mtimeBefore = new Map(before.map((card) => [card.id, card.mtime]));
	const undone = restored.filter((card) => card.id !== left[0]!.id);
	expect(undone.every((card) => card.mtime > mtimeBefore.get(card.id)!)).toBe(true);
});
