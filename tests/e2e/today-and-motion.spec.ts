// Proves three things a daily user meets on Today and in study: a parent deck collapses and stays
// collapsed after a reload; an empty collection offers the bundled deck, which one press brings
// back; and with reduced motion asked for, nothing animates and a dragged card does not move.
import { expect, test } from '@playwright/test';
import { askToDeleteBundledDeck, BUNDLED_DECK_ID, press, readStore } from './fixtures';

test('a parent deck collapses, and stays collapsed after a reload', async ({ page, isMobile }) => {
	await page.goto('/');
	const child = page.getByRole('link', { name: 'Study History::October 1917' });
	await expect(child).toBeVisible();
	await press(page.getByRole('button', { name: 'Collapse History' }), isMobile);
	await expect(child).toBeHidden();
	await expect(page.getByRole('button', { name: 'Expand History' })).toHaveAttribute(
		'aria-expanded',
		'false'
	);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Study History', exact: true })).toBeVisible();
	await expect(child).toBeHidden();
	await press(page.getByRole('button', { name: 'Expand History' }), isMobile);
	await expect(child).toBeVisible();
});

test('an empty collection offers the bundled deck, and one press brings it back', async ({
	page,
	isMobile
}) => {
	const confirm = await askToDeleteBundledDeck(page, isMobile);
	await press(confirm.getByRole('button', { name: 'Delete' }), isMobile);
	const empty = page.getByRole('region', { name: 'No decks yet' });
	await expect(empty).toBeVisible();
	await expect(empty.getByRole('link', { name: 'New deck from text' })).toBeVisible();
	await expect(empty.getByRole('link', { name: 'Import' })).toBeVisible();
	expect(await readStore(page, 'cards')).toEqual([]);

	await press(empty.getByRole('button', { name: 'Add the bundled deck' }), isMobile);
	await expect(page.getByRole('link', { name: 'Study History::October 1917' })).toBeVisible();
	expect((await readStore(page, 'cards')).length).toBeGreaterThan(0);
});

test.describe('with reduced motion', () => {
	test.use({ reducedMotion: 'reduce' });

	test('nothing animates, and a card being dragged stays put', async ({ page }) => {
		await page.goto(`/study/${BUNDLED_DECK_ID}`);
		const show = page.getByRole('button', { name: 'Show answer' });
		await expect(show).toBeVisible();
		const duration = await show.evaluate((el) => getComputedStyle(el).transitionDuration);
		expect(duration.split(',').every((d) => parseFloat(d) <= 0.00001)).toBe(true);

		await show.click();
		const card = page.locator('article.card');
		const box = (await card.boundingBox())!;
		const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
		const base = { pointerId: 3, pointerType: 'touch', isPrimary: true, button: 0, bubbles: true };
		await card.dispatchEvent('pointerdown', { ...base, clientX: at.x, clientY: at.y });
		for (const dx of [20, 40, 60, 80]) {
			await card.dispatchEvent('pointermove', { ...base, clientX: at.x + dx, clientY: at.y });
		}
		expect(await card.evaluate((el) => el.style.transform)).toBe('');
		await card.dispatchEvent('pointercancel', { ...base, clientX: at.x + 80, clientY: at.y });
	});
});
