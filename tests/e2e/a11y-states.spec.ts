// Proves the screens and states a11y.spec.ts cannot reach by URL alone pass the same checks:
// axe finds nothing serious or critical in either theme, nothing scrolls sideways, and at 360 px
// every touch target is at least 44 px. Each state is reached as a person would reach it.
import { expect, test } from '@playwright/test';
import { checkScreenState } from './a11y-checks';
import {
	askToDeleteBundledDeck,
	BUNDLED_DECK_ID,
	downloadBackup,
	press,
	putRecords,
	readStore
} from './fixtures';
import { FIXTURES, chooseFile, expectFinished, openImport } from './import-helpers';

// Axe runs twice per state (once per theme), which on a loaded machine takes a while.
test.describe.configure({ timeout: 90_000 });

const PASSAGE = [
	'On 9 November 1989 the Berlin Wall fell.',
	'Günter Schabowski told the press: "Immediately, without delay."'
].join(' ');

test('the study end screen', async ({ page, isMobile }) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	// Leave one card to study, so the session ends after one answer.
	const cards = await readStore<{ id: string; queue: string }>(page, 'cards');
	const [kept, ...rest] = cards;
	await putRecords(
		page,
		'cards',
		rest.map((card) => ({ ...card, queue: 'suspended' }))
	);
	expect(kept).toBeDefined();
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: /^Easy/ }), isMobile);
	await expect(page.getByRole('heading', { name: 'All done for now' })).toBeVisible();
	await checkScreenState(page, 'study-end', isMobile);
});

test('import: the screen before a file, and the summary after an import', async ({
	page,
	isMobile
}) => {
	await openImport(page);
	await checkScreenState(page, 'import', isMobile);
	await chooseFile(page, FIXTURES + 'anki-legacy1-sound.apkg');
	await expectFinished(page, 1);
	// The summary says which options the new deck got (Anki's stock options, not Engram's).
	await expect(page.getByRole('status', { name: 'Import summary' })).toContainText(
		'The new deck “Default” uses the options preset “Default (Anki)”.'
	);
	await checkScreenState(page, 'import-summary', isMobile);
});

test('new deck from text, with the candidates it found', async ({ page, isMobile }) => {
	await page.goto('/new');
	await expect(page.getByRole('heading', { name: 'New deck from text' })).toBeVisible();
	await checkScreenState(page, 'new-deck', isMobile);
	await page.getByLabel('Deck name').fill('Berlin 1989');
	await page.getByLabel('Passage').fill(PASSAGE);
	await press(page.getByRole('button', { name: 'Find cards' }), isMobile);
	await expect(page.getByRole('heading', { name: /^Dates \(\d+\)$/ })).toBeVisible();
	await press(page.getByRole('button', { name: 'Accept all dates' }), isMobile);
	await checkScreenState(page, 'new-deck-preview', isMobile);
});

test('export: the whole collection and one deck', async ({ page, isMobile }) => {
	await page.goto('/export');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('button').first()).toBeVisible();
	await checkScreenState(page, 'export', isMobile);
	await page.goto(`/decks/${BUNDLED_DECK_ID}/export`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('button').first()).toBeVisible();
	await checkScreenState(page, 'deck-export', isMobile);
});

test('browse: a note open for editing, and the bulk delete confirmation', async ({
	page,
	isMobile
}) => {
	await page.goto('/browse');
	await expect(page.getByTestId('result-count')).toHaveText(/^[1-9]\d* cards$/);
	await press(page.getByRole('button', { name: /^Edit note: / }).first(), isMobile);
	const editor = page.getByRole('dialog', { name: 'Edit note' });
	await expect(editor).toBeVisible();
	await checkScreenState(page, 'browse-note-open', isMobile);
	await press(editor.getByRole('button', { name: 'Cancel' }), isMobile);
	await expect(editor).toBeHidden();

	await page.getByRole('checkbox', { name: 'Select all' }).check();
	const bar = page.getByRole('toolbar', { name: 'Selected cards' });
	await press(bar.getByRole('button', { name: 'Delete' }), isMobile);
	await expect(page.getByRole('dialog', { name: 'Delete notes?' })).toBeVisible();
	await checkScreenState(page, 'browse-delete-confirm', isMobile);
});

test('statistics with answers to draw', async ({ page, isMobile }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	for (let i = 1; i <= 3; i++) {
		await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
		await press(page.getByRole('button', { name: i === 2 ? /^Again/ : /^Good/ }), isMobile);
		await expect(page.getByText(`${i} answered`)).toBeVisible();
	}
	await page.goto('/stats');
	await expect(page.locator('figure[data-chart] .mark').first()).toBeVisible();
	await checkScreenState(page, 'stats-with-data', isMobile);
});

test('deck options: the new preset form and the delete preset confirmation', async ({
	page,
	isMobile
}) => {
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	await press(page.getByRole('button', { name: 'New preset' }), isMobile);
	await page.getByRole('textbox', { name: 'New preset name' }).fill('Exam');
	await press(page.getByRole('button', { name: 'Create' }), isMobile);
	await expect(page.getByRole('combobox', { name: 'Preset used by this deck' })).toContainText(
		'Exam'
	);
	await press(page.getByRole('button', { name: 'New preset' }), isMobile);
	await checkScreenState(page, 'deck-options-new-preset', isMobile);
	await press(page.getByRole('button', { name: 'Delete preset' }), isMobile);
	await expect(page.getByRole('dialog', { name: 'Delete preset?' })).toBeVisible();
	await checkScreenState(page, 'deck-options-delete-preset', isMobile);
});

test('Today: the delete deck confirmation, then the empty collection', async ({
	page,
	isMobile
}) => {
	const confirm = await askToDeleteBundledDeck(page, isMobile);
	await checkScreenState(page, 'delete-deck-confirm', isMobile);
	await press(confirm.getByRole('button', { name: 'Delete' }), isMobile);
	await expect(page.getByRole('region', { name: 'No decks yet' })).toBeVisible();
	await checkScreenState(page, 'today-empty', isMobile);
});

test('Settings: a backup chosen to restore, then the replace confirmation', async ({
	page,
	isMobile
}, testInfo) => {
	const path = await downloadBackup(page, isMobile, testInfo);
	await page.getByLabel('Restore from backup…').setInputFiles(path);
	const found = page.getByRole('group', { name: /: made .+ by Engram / });
	await expect(found).toBeVisible();
	await checkScreenState(page, 'restore-chosen', isMobile);
	await press(found.getByRole('button', { name: 'Replace my collection…' }), isMobile);
	await expect(found.getByRole('button', { name: 'Yes, replace my collection' })).toBeVisible();
	await checkScreenState(page, 'restore-replace-confirm', isMobile);
});
