// Proves a full day's session works by keyboard and by touch (or mouse on desktop): answering,
// undoing twice, suspending, editing a note mid-session, and finishing on the end screen; every
// step checked against what IndexedDB really holds. Also: swipes grade, vertical drags do not.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, putRecords, readStore, type StoredReview } from './fixtures';

interface StoredCardQueue {
	id: string;
	noteId: string;
	queue: string;
}

interface StoredNote {
	id: string;
	fields: Record<string, string>;
}

const question = (page: Page) => page.getByRole('region', { name: 'Question' });
const answered = (page: Page, n: number) => expect(page.getByText(`${n} answered`)).toBeVisible();

/** The ids of the cards stored as suspended. */
async function suspendedIds(page: Page): Promise<string[]> {
	const cards = await readStore<StoredCardQueue>(page, 'cards');
	return cards.filter((c) => c.queue === 'suspended').map((c) => c.id);
}

/** Answers every card left with `answerEasy` until the end screen shows. */
async function finishWithEasy(
	page: Page,
	answerEasy: (card: ReturnType<typeof question>) => Promise<void>
) {
	const done = page.getByRole('heading', { name: 'All done for now' });
	const status = page.getByText(/^\d+ answered/);
	// At most a day's new cards (the preset's 20) and their learning steps.
	for (let i = 0; i < 40; i++) {
		await expect(
			question(page)
				.or(page.getByRole('region', { name: 'Answer' }))
				.or(done)
		).toBeVisible();
		if (await done.isVisible()) {
			return;
		}
		const before = Number((await status.textContent())?.match(/\d+/)?.[0]);
		await answerEasy(question(page));
		await expect(page.getByText(`${before + 1} answered`)).toBeVisible();
	}
	await expect(done).toBeVisible();
}

test('a full session by keyboard', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const first = (await question(page).textContent()) ?? '';

	await page.keyboard.press('Space');
	await expect(page.getByRole('region', { name: 'Answer' })).toBeVisible();
	await page.keyboard.press('3');
	await answered(page, 1);
	const second = (await question(page).textContent()) ?? '';
	expect(second).not.toBe(first);
	await page.keyboard.press('Enter');
	await page.keyboard.press('4');
	await answered(page, 2);
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(2);

	// Undo twice: U, then Ctrl+Z; both answers are gone from the database.
	await page.keyboard.press('u');
	await answered(page, 1);
	await expect(question(page)).toHaveText(second);
	await page.keyboard.press('Control+z');
	await answered(page, 0);
	await expect(question(page)).toHaveText(first);
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(0);

	// Suspend the current card with @.
	expect(await suspendedIds(page)).toEqual([]);
	await page.keyboard.press('@');
	await expect(page.getByText('Card suspended.')).toBeVisible();
	await expect(question(page)).not.toHaveText(first);
	expect(await suspendedIds(page)).toHaveLength(1);
	// Undo brings the suspended card back; suspend it again.
	await page.keyboard.press('u');
	await expect(question(page)).toHaveText(first);
	expect(await suspendedIds(page)).toEqual([]);
	await page.keyboard.press('@');
	await expect(question(page)).not.toHaveText(first);

	// Edit the current note with E: append to its first field; the card shows it at once.
	await page.keyboard.press('e');
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	await expect(dialog).toBeVisible();
	const firstField = dialog.getByRole('textbox').first();
	const original = await firstField.inputValue();
	await firstField.fill(`${original} (edited)`);
	await dialog.getByRole('button', { name: 'Save' }).press('Enter');
	await expect(dialog).toBeHidden();
	await page.keyboard.press('Space');
	await expect(page.getByRole('region', { name: 'Answer' })).toContainText('(edited)');
	const notes = await readStore<StoredNote>(page, 'notes');
	expect(
		notes.filter((n) => Object.values(n.fields).includes(`${original} (edited)`))
	).toHaveLength(1);

	// Answer everything left Easy until the end screen.
	await finishWithEasy(page, async (card) => {
		if (await card.isVisible()) {
			await page.keyboard.press('Space');
		}
		await page.keyboard.press('4');
	});
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews.length).toBeGreaterThan(0);
	expect(reviews.every((r) => r.rating === 4)).toBe(true);
	await expect(page.getByText(`You answered ${reviews.length} card`)).toBeVisible();
	await expect(page.getByText('Answered today')).toBeVisible();
	await expect(page.getByText(/Next card due in \d+/)).toBeVisible();
});

test('a full session by touch (mouse on desktop)', async ({ page, isMobile }) => {
	test.setTimeout(90_000);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	const first = (await question(page).textContent()) ?? '';

	// Tapping the card shows the answer.
	await press(question(page), isMobile);
	await press(page.getByRole('button', { name: /^Good/ }), isMobile);
	await answered(page, 1);
	const second = (await question(page).textContent()) ?? '';
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: /^Hard/ }), isMobile);
	await answered(page, 2);

	const undo = page.getByRole('button', { name: 'Undo' });
	await press(undo, isMobile);
	await answered(page, 1);
	await expect(question(page)).toHaveText(second);
	await press(undo, isMobile);
	await answered(page, 0);
	await expect(question(page)).toHaveText(first);
	await expect(undo).toBeDisabled();
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(0);

	expect(await suspendedIds(page)).toEqual([]);
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await press(page.getByRole('button', { name: /Suspend card/ }), isMobile);
	await expect(page.getByText('Card suspended.')).toBeVisible();
	expect(await suspendedIds(page)).toHaveLength(1);

	// Edit mid-session after revealing: the answer stays shown with the new text.
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	await press(page.getByRole('button', { name: /Edit note/ }), isMobile);
	const dialog = page.getByRole('dialog', { name: 'Edit note' });
	const backField = dialog.getByRole('textbox').nth(1);
	await backField.fill('A brand new answer');
	await press(dialog.getByRole('button', { name: 'Save' }), isMobile);
	await expect(page.getByRole('region', { name: 'Answer' })).toContainText('A brand new answer');

	await finishWithEasy(page, async () => {
		const show = page.getByRole('button', { name: 'Show answer' });
		if (await show.isVisible()) {
			await press(show, isMobile);
		}
		await press(page.getByRole('button', { name: /^Easy/ }), isMobile);
	});
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	await press(page.getByRole('link', { name: 'Back to decks' }), isMobile);
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

/** Sends a one-finger drag made of pointer events, as a touch screen would. */
async function drag(page: Page, dx: number, dy: number): Promise<void> {
	const card = page.locator('article.card');
	const box = (await card.boundingBox())!;
	const x = box.x + box.width / 2;
	const y = box.y + box.height / 2;
	const base = { pointerId: 7, pointerType: 'touch', isPrimary: true, button: 0, bubbles: true };
	await card.dispatchEvent('pointerdown', { ...base, clientX: x, clientY: y });
	for (let step = 1; step <= 5; step++) {
		await card.dispatchEvent('pointermove', {
			...base,
			clientX: x + (dx * step) / 5,
			clientY: y + (dy * step) / 5
		});
	}
	await card.dispatchEvent('pointerup', { ...base, clientX: x + dx, clientY: y + dy });
}

test('swipe right grades Good, swipe left Again, a vertical drag grades nothing', async ({
	page
}) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await drag(page, 10, 160);
	await drag(page, 60, 90);
	await page.waitForTimeout(300);
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(0);

	await drag(page, 160, 10);
	await answered(page, 1);
	await page.getByRole('button', { name: 'Show answer' }).click();
	await drag(page, -160, -5);
	await answered(page, 2);
	const ratings = (await readStore<StoredReview>(page, 'reviews')).map((r) => r.rating).sort();
	expect(ratings).toEqual([1, 3]);
});

test('screen readers hear the question, then the answer; the buttons name grade and interval', async ({
	page
}) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const live = page.locator('p[aria-live="polite"][aria-atomic="true"]');
	await expect(live).toHaveText(/^Question: \S/);
	const box = await page.getByRole('button', { name: 'Show answer' }).boundingBox();
	await page.keyboard.press('Space');
	await expect(live).toHaveText(/^Answer: \S/);
	// The grade buttons sit exactly where Show answer was: no layout shift.
	const good = await page.getByRole('button', { name: /^Good \d+m$/ }).boundingBox();
	expect(Math.abs(good!.y - box!.y)).toBeLessThan(1);
	expect(Math.abs(good!.height - box!.height)).toBeLessThan(1);
	await expect(page.getByRole('button', { name: /^Again \d+m$/ })).toHaveAttribute(
		'aria-keyshortcuts',
		'1'
	);
});

test('screen readers hear a card as it shows: every entity decoded, a space at each block’s edge', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	// Both sides of every note (the deck's cards go both ways) hold entities and blocks.
	const notes = await readStore<StoredNote>(page, 'notes');
	const fields = {
		Front: 'caf&eacute;<div>au&nbsp;lait</div>&mdash;&hellip;',
		Back: 'cr&egrave;me<br>br&ucirc;l&eacute;e'
	};
	await putRecords(
		page,
		'notes',
		notes.map((note) => ({ ...note, fields }))
	);
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const live = page.locator('p[aria-live="polite"][aria-atomic="true"]');
	const sides = ['café au lait —…', 'crème brûlée'];
	await expect(live).toHaveText(/^Question: /);
	const front = (await live.textContent())!.replace('Question: ', '');
	expect(sides).toContain(front);
	await page.keyboard.press('Space');
	await expect(live).toHaveText(`Answer: ${sides.find((side) => side !== front)}`);
});
