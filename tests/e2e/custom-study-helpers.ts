// Shared by the custom study specs: Today with the bundled deck stored, a changed preset, and the
// Custom study dialog opened from the deck's menu, an option chosen and the session built, by
// keyboard on desktop and by thumb on a phone.
import { expect, type Locator, type Page } from '@playwright/test';
import { press, putRecords, readStore } from './fixtures';
import { asReviewCard, DAY } from './study-helpers';

export const DECK = 'History::October 1917';

/** Opens Today and waits until the bundled deck is stored (its Study link is shown). */
export async function openTodayWithDeck(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('link', { name: `Study ${DECK}` })).toBeVisible();
}

/** Through raw IndexedDB: the (only) preset with `changes` on top. */
export async function changePreset(page: Page, changes: Record<string, unknown>): Promise<void> {
	const [preset] = await readStore<Record<string, unknown>>(page, 'presets');
	await putRecords(page, 'presets', [{ ...preset, ...changes }]);
}

/**
 * Through raw IndexedDB: the first `count` stored cards become reviews due in two days (for
 * Review ahead); returns them as written.
 */
export async function reviewsDueInTwoDays(
	page: Page,
	count: number
): Promise<(Record<string, unknown> & { id: string })[]> {
	const now = Date.now();
	const stored = await readStore<Record<string, unknown> & { id: string }>(page, 'cards');
	const ahead = stored.slice(0, count).map((card) =>
		asReviewCard(card, now, {
			last_review: new Date(now - 10 * DAY),
			due: new Date(now + 2 * DAY)
		})
	);
	await putRecords(page, 'cards', ahead);
	return ahead;
}

/** From Today's deck menu, opens the Custom study dialog; returns it once shown. */
export async function openCustomStudy(page: Page, touch: boolean): Promise<Locator> {
	await page.goto('/');
	await press(page.getByRole('button', { name: `Actions for ${DECK}`, exact: true }), touch);
	await press(
		page.getByRole('dialog', { name: DECK }).getByRole('button', { name: 'Custom study…' }),
		touch
	);
	const dialog = page.getByRole('dialog', { name: 'Custom study' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** Picks the option (its name starts with `option`), by thumb or by keyboard. */
export async function chooseOption(page: Page, option: string, touch: boolean): Promise<void> {
	const radio = page.getByRole('dialog', { name: 'Custom study' }).getByRole('radio', {
		name: new RegExp(`^${option}`)
	});
	if (touch) {
		await radio.tap();
	} else {
		await radio.focus();
		await page.keyboard.press('Space');
	}
	await expect(radio).toBeChecked();
}

/** Fills the dialog's number and sends it (OK by thumb, Enter on desktop); the dialog closes. */
export async function sendCustomStudy(page: Page, value: string, touch: boolean): Promise<void> {
	const dialog = page.getByRole('dialog', { name: 'Custom study' });
	const number = dialog.getByRole('spinbutton');
	await number.fill(value);
	if (touch) {
		await dialog.getByRole('button', { name: 'OK' }).tap();
	} else {
		await number.press('Enter');
	}
	await expect(dialog).toBeHidden();
}

/** In the open dialog: the option, its number, then OK. */
export async function customStudy(
	page: Page,
	option: string,
	value: string,
	touch: boolean
): Promise<void> {
	await chooseOption(page, option, touch);
	await sendCustomStudy(page, value, touch);
}
