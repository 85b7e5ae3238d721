// Helpers for the import specs: the real fixture decks (../shared, never copied into the repo),
// the import screen driven by its file picker, and hostile decks built on the fly.
import { expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readStore } from './fixtures';

export const FIXTURES = fileURLToPath(new URL('../../../shared/fixtures/decks/', import.meta.url));

export async function openImport(page: Page): Promise<void> {
	await page.goto('/import');
	await expect(page.getByRole('heading', { name: 'Import a deck' })).toBeVisible();
}

/** Picks a file with the "Choose a deck file" picker, as a person would. */
export async function chooseFile(
	page: Page,
	file: string | { name: string; mimeType: string; buffer: Buffer }
): Promise<void> {
	await page.getByLabel('Choose a deck file').setInputFiles(file);
}

export async function expectFinished(page: Page, added: number, timeout = 30_000): Promise<void> {
	const summary = page.getByRole('status', { name: 'Import summary' });
	await expect(summary).toBeVisible({ timeout });
	await expect(summary).toContainText(`${added} note${added === 1 ? '' : 's'} added`);
}

export async function count(page: Page, store: string): Promise<number> {
	return (await readStore(page, store)).length;
}

/** Answers cards until the one with the picture ("Car") is shown, then reveals its answer. */
export async function showCarCard(page: Page): Promise<void> {
	for (let i = 0; i < 12; i++) {
		const question = page.getByRole('region', { name: 'Question' });
		await expect(question).toBeVisible();
		// The answer replaces the question region (it repeats the front), so read the front first.
		const text = await question.textContent();
		await page.getByRole('button', { name: 'Show answer' }).click();
		if (text?.trim() === 'Car') {
			return;
		}
		await page.getByRole('button', { name: /^Good/ }).click();
	}
	throw new Error('The card with the picture never came up');
}
