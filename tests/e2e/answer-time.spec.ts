// Proves Anki's "Maximum answer seconds" as a person meets it: Deck options shows it (60 by
// default, with its explanation), refuses 10 (the field's range) and stores nothing, saves 90;
// then, on Playwright's clock, a card left on screen for five minutes and answered (keyboard on
// desktop, thumb on Pixel 7) is stored in IndexedDB's reviews as exactly 90 s.
import { expect, test } from '@playwright/test';
import { answerGood, BUNDLED_DECK_ID, readStore, type StoredReview } from './fixtures';

interface Preset {
	id: string;
	maxAnswerSeconds?: number;
}

test('a review left on screen for 5 minutes records the preset’s maximum answer seconds', async ({
	page,
	isMobile
}) => {
	await page.clock.install();
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	const cap = page.getByLabel('Maximum answer seconds');
	await expect(cap).toHaveValue('60');
	await expect(cap).toHaveAccessibleDescription(/The most time one review records/);

	await cap.fill('10');
	await page.getByRole('button', { name: 'Save options' }).click();
	// The browser refuses it before saving (the field's 30-600 range), with its own sentence.
	expect(await cap.evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).toBe(true);
	await expect(page.getByText('Saved.')).toBeHidden();
	const presets = await readStore<Preset>(page, 'presets');
	expect(presets.every((p) => (p.maxAnswerSeconds ?? 60) === 60)).toBe(true);

	await cap.fill('90');
	await page.getByRole('button', { name: 'Save options' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
	expect((await readStore<Preset>(page, 'presets')).map((p) => p.maxAnswerSeconds)).toContain(90);

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(page.getByRole('region', { name: 'Question' })).toBeVisible();
	await page.clock.fastForward('05:00');
	if (isMobile) {
		await answerGood(page, true);
	} else {
		await page.keyboard.press('Space');
		await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
		await page.keyboard.press('3');
	}
	await expect(page.getByText('1 answered')).toBeVisible();
	const reviews = await readStore<StoredReview & { duration: number }>(page, 'reviews');
	expect(reviews.map((r) => r.duration)).toEqual([90_000]);
});
