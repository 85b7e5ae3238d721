// Proves "Replay audio" (Anki's R / F5): a real Anki package with a sound is imported and its
// sound card studied; R and F5 on desktop (F5 without reloading the page), the study menu's item
// by thumb on Pixel 7, play the answer's audio from the start (the page's own `play` events, and
// the audio's time moving). On a card with no audio the item is disabled and R plays nothing.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, press, readStore } from './fixtures';
import { chooseFile, expectFinished, FIXTURES, openImport, showCarCard } from './import-helpers';
import { menuItem, question } from './study-helpers';

interface Deck {
	id: string;
	name: string;
}

/** Every `play` of a media element on the page, with where it started from (tenths of seconds). */
async function recordPlays(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const plays: number[] = [];
		Object.assign(window, { plays });
		// Tenths of a second: the event comes a moment after playing starts.
		const at = (event: Event) =>
			Math.round((event.target as HTMLMediaElement).currentTime * 10) / 10;
		document.addEventListener('play', (event) => plays.push(at(event)), true);
	});
}

/** Moves the audio halfway through, so a replay from the start shows. */
async function toMiddle(audio: Locator): Promise<void> {
	await audio.evaluate((a: HTMLAudioElement) => (a.currentTime = a.duration / 2));
	await expect
		.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
		.toBeGreaterThan(0.3);
}

const plays = (page: Page) => page.evaluate(() => (window as unknown as { plays: number[] }).plays);

test('R, F5 and the menu replay the card’s audio from the start; no audio, nothing to replay', async ({
	page,
	isMobile
}) => {
	await recordPlays(page);
	// The Car card was last reviewed in Anki with a long interval: study on a day it is due.
	await page.clock.setFixedTime(new Date('2030-01-01T10:00:00'));
	await openImport(page);
	await chooseFile(page, FIXTURES + 'apkgparser-latest-anki21b-media.apkg');
	await expectFinished(page, 5);
	const decks = await readStore<Deck>(page, 'decks');
	const imported = decks.find((d) => d.name === 'Test deck')!;

	await page.goto(`/study/${imported.id}`);
	await showCarCard(page);
	const audio = page.getByRole('region', { name: 'Answer' }).locator('audio');
	await expect(audio).toHaveCount(1);
	expect(await plays(page)).toEqual([]);
	if (isMobile) {
		await menuItem(page, /^Replay audio/, true);
		await expect.poll(() => plays(page)).toEqual([0]);
		await expect
			.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
			.toBeGreaterThan(0);
		await toMiddle(audio);
		await menuItem(page, /^Replay audio/, true);
		await expect.poll(() => plays(page)).toEqual([0, 0]);
	} else {
		await page.evaluate(() => Object.assign(window, { sameDocument: true }));
		await page.keyboard.press('r');
		await expect.poll(() => plays(page)).toEqual([0]);
		await expect
			.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime))
			.toBeGreaterThan(0);
		await toMiddle(audio);
		await page.keyboard.press('F5');
		await expect.poll(() => plays(page)).toEqual([0, 0]);
		// F5 replayed instead of reloading the page.
		expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
	}

	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await expect(question(page)).toBeVisible();
	await press(page.getByRole('button', { name: 'More actions' }), isMobile);
	const menu = page.getByRole('dialog', { name: 'Card actions' });
	await expect(menu.getByRole('button', { name: /^Replay audio/ })).toBeDisabled();
	await press(menu.getByRole('button', { name: 'Close' }), isMobile);
	await page.keyboard.press('r');
	await expect(question(page)).toBeVisible();
	expect(await plays(page)).toEqual([]);
});
