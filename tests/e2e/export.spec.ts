// A person exports an imported Anki deck (with its media and review history) from the export
// screen in each format, gets the file as a download, and imports that file on a fresh device
// (a new browser context) through the import screen: the same notes, cards and history appear.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { press, readStore } from './fixtures';
import { FIXTURES, chooseFile, expectFinished, openImport } from './import-helpers';

const DECK = 'Test deck';
const FIXTURE = 'apkgparser-legacy2-anki21-media.apkg';

interface StoredNote {
	id: string;
	fields: Record<string, string>;
	tags: string[];
}

// Each test imports twice in two contexts: more than the default 30 s on a busy machine.
test.slow();

const isTouch = () => test.info().project.use.hasTouch === true;

/** Imports the real Anki deck, so there is something worth exporting: media, reviews, tags. */
async function importFixture(page: Page): Promise<void> {
	await openImport(page);
	await chooseFile(page, FIXTURES + FIXTURE);
	await expectFinished(page, 5);
}

/** Exports DECK in `format` from the screen on the page and returns the saved file's path. */
async function exportDeck(page: Page, format: RegExp): Promise<{ path: string; name: string }> {
	const touch = isTouch();
	await expect(page.getByRole('heading', { name: 'Export a deck' })).toBeVisible();
	await page.getByRole('combobox', { name: 'Deck' }).selectOption({ label: DECK });
	await press(page.getByRole('radio', { name: format }), touch);
	const download = page.waitForEvent('download');
	await press(page.getByRole('button', { name: 'Export', exact: true }), touch);
	const file = await download;
	await expect(page.getByRole('status').filter({ hasText: /^Saved / })).toContainText(
		file.suggestedFilename()
	);
	const path = test.info().outputPath(file.suggestedFilename());
	await file.saveAs(path);
	return { path, name: file.suggestedFilename() };
}

/** A new device: imports the file and returns what landed in its IndexedDB. */
async function importElsewhere(browser: Browser, path: string, expectedReviews: number) {
	const context = await browser.newContext(test.info().project.use);
	const page = await context.newPage();
	await openImport(page);
	await chooseFile(page, path);
	await expectFinished(page, 5);
	await page.getByRole('link', { name: 'Go to decks' }).click();
	await expect(page.getByRole('link', { name: `Study ${DECK}` })).toBeVisible();
	const notes = (await readStore<StoredNote>(page, 'notes')).filter(
		(n) => !n.id.startsWith('oct1917')
	);
	expect(await readStore(page, 'reviews')).toHaveLength(expectedReviews);
	const media = await readStore(page, 'media');
	await context.close();
	return { notes, media };
}

async function sourceNotes(page: Page) {
	return (await readStore<StoredNote>(page, 'notes')).filter((n) => n.id.startsWith('anki:'));
}

test('.apkg from the deck options page: notes, media and review history arrive', async ({
	page,
	browser
}) => {
	await importFixture(page);
	const before = await sourceNotes(page);
	await page.goto('/');
	await press(page.getByRole('link', { name: `Options for ${DECK}` }), isTouch());
	await press(page.getByRole('link', { name: 'Export this deck' }), isTouch());
	const file = await exportDeck(page, /Anki package/);
	expect(file.name).toBe('Test deck.apkg');
	const { notes, media } = await importElsewhere(browser, file.path, 7);
	expect(notes.map((n) => n.fields).sort(byFront)).toEqual(
		before.map((n) => n.fields).sort(byFront)
	);
	expect(media).toHaveLength(2);
});

test('Engram JSON keeps note ids, tags and review history', async ({ page, browser }) => {
	await importFixture(page);
	const before = await sourceNotes(page);
	await page.goto('/export');
	const file = await exportDeck(page, /Engram deck/);
	expect(file.name).toBe('Test deck.json');
	const { notes } = await importElsewhere(browser, file.path, 7);
	expect(notes.sort(byId).map(({ id, fields, tags }) => ({ id, fields, tags }))).toEqual(
		before.sort(byId).map(({ id, fields, tags }) => ({ id, fields, tags }))
	);
});

test('Anki text (.tsv) brings the same notes and tags, without history', async ({
	page,
	browser
}) => {
	await importFixture(page);
	const before = await sourceNotes(page);
	await page.goto('/export');
	const file = await exportDeck(page, /Anki text/);
	expect(file.name).toBe('Test deck.tsv');
	const { notes } = await importElsewhere(browser, file.path, 0);
	// Text carries field values in order, not field names (Anki's "Back Extra" lands in "Extra").
	const view = (list: StoredNote[]) =>
		list.sort(byId).map(({ id, fields, tags }) => ({ id, values: Object.values(fields), tags }));
	expect(view(notes)).toEqual(view(before));
});

function byId(a: { id: string }, b: { id: string }): number {
	return a.id.localeCompare(b.id);
}

function byFront(a: Record<string, string>, b: Record<string, string>): number {
	return JSON.stringify(a).localeCompare(JSON.stringify(b));
}
