// Proves "New deck from text" end to end as a person uses it: paste a passage (or open a .txt
// file), review the proposed cards grouped by kind, edit, accept and reject them, save, and study
// one of the new cards — with every step really stored in IndexedDB, and the whole flow working
// offline once the app has been visited. Bad input gets one sentence and stores nothing.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { press, readStore, waitForServiceWorker, type StoredReview } from './fixtures';

const WALL = [
	'On 9 November 1989 the Berlin Wall fell.',
	'Günter Schabowski told the press: "Immediately, without delay."',
	'Crowds gathered at the Brandenburg Gate before dawn on 10 November.'
].join(' ');

interface StoredDeck {
	id: string;
	name: string;
}
interface StoredNote {
	id: string;
	deckId: string;
	kind?: string;
	source?: string;
	fields: Record<string, string>;
}

async function buildFromPaste(page: Page, name: string, touch: boolean): Promise<void> {
	await page.getByLabel('Deck name').fill(name);
	await page.getByLabel('Passage').fill(WALL);
	await press(page.getByRole('button', { name: 'Find cards' }), touch);
	await expect(page.getByRole('heading', { name: /^Dates \(\d+\)$/ })).toBeVisible();
}

test('paste a passage, accept, edit and reject candidates, save, and study a new card', async ({
	page,
	isMobile
}) => {
	await page.goto('/');
	await press(page.getByRole('link', { name: 'New deck from text' }), isMobile);
	await expect(page.getByRole('heading', { name: 'New deck from text' })).toBeVisible();
	await buildFromPaste(page, 'Berlin 1989', isMobile);

	// Candidates come grouped by kind, each with its source sentence.
	const when = page.getByRole('article', { name: 'Candidate: When did the Berlin Wall fall?' });
	await expect(when).toContainText('“On 9 November 1989 the Berlin Wall fell.”');
	await expect(when.getByLabel('Answer')).toHaveValue('9 November 1989');

	await press(page.getByRole('button', { name: 'Accept all dates' }), isMobile);
	await when.getByLabel('Answer').fill('9 November 1989, in the evening');
	const said = page.getByRole('article', { name: /^Candidate: Who said: ‘Immediately/ });
	await press(said.getByRole('button', { name: 'Accept' }), isMobile);
	await expect(said.getByRole('button', { name: 'Accept' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	const dateCount = await page
		.getByRole('region', { name: /^Dates/ })
		.getByRole('article')
		.count();
	// Reject one date again: it must not be saved.
	const what = page.getByRole('article', { name: 'Candidate: What happened on 9 November 1989?' });
	await press(what.getByRole('button', { name: 'Reject' }), isMobile);

	const accepted = dateCount; // all dates minus the rejected one, plus the quotation
	const save = page.getByRole('button', { name: `Save deck (${accepted} accepted)` });
	await press(save, isMobile);
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
		`Saved “Berlin 1989” with ${accepted} notes.`
	);

	const decks = await readStore<StoredDeck>(page, 'decks');
	const deck = decks.find((d) => d.name === 'Berlin 1989');
	expect(deck).toBeDefined();
	const notes = (await readStore<StoredNote>(page, 'notes')).filter((n) => n.deckId === deck!.id);
	expect(notes).toHaveLength(accepted);
	expect(notes.every((n) => n.kind && n.source)).toBe(true);
	expect(notes.map((n) => n.fields.Back)).toContain('9 November 1989, in the evening');
	expect(notes.map((n) => n.fields.Front)).not.toContain('What happened on 9 November 1989?');
	expect(notes.map((n) => n.fields.Back)).toContain('Günter Schabowski');

	await press(page.getByRole('link', { name: 'Study Berlin 1989' }), isMobile);
	await expect(page).toHaveURL(`/study/${deck!.id}`);
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: /^Good/ }), isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const reviews = await readStore<StoredReview>(page, 'reviews');
	expect(reviews).toHaveLength(1);
	expect(notes.some((n) => reviews[0]!.cardId.startsWith(`${n.id}#`))).toBe(true);
});

test('the builder works offline once the app has been visited', async ({
	page,
	context,
	isMobile
}) => {
	await page.goto('/new');
	await expect(page.getByRole('heading', { name: 'New deck from text' })).toBeVisible();
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await buildFromPaste(page, 'Offline wall', isMobile);
	await press(page.getByRole('button', { name: 'Accept all quotations' }), isMobile);
	await press(page.getByRole('button', { name: /^Save deck \(\d+ accepted\)$/ }), isMobile);
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
		'Saved “Offline wall”'
	);
	await press(page.getByRole('link', { name: 'Study Offline wall' }), isMobile);
	await expect(page.getByRole('region', { name: 'Question' })).toContainText(/Schabowski|without/);
	await press(page.getByRole('button', { name: 'Show answer' }), isMobile);
	await press(page.getByRole('button', { name: /^Good/ }), isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);
});

test('opens the seed passage from a file and groups its candidates by kind', async ({
	page,
	isMobile
}) => {
	await page.goto('/new');
	await page.getByLabel('Open a text file').setInputFiles({
		name: 'october.txt',
		mimeType: 'text/plain',
		buffer: readFileSync(new URL('../../../shared/seed/passage.txt', import.meta.url))
	});
	await expect(page.getByLabel('Deck name')).toHaveValue('october');
	await expect(page.getByLabel('Passage')).toHaveValue(/^Stalin went back/);
	await press(page.getByRole('button', { name: 'Find cards' }), isMobile);
	for (const group of ['Dates', 'Quotations', 'People', 'Places and institutions', 'Terms']) {
		await expect(
			page.getByRole('heading', { name: new RegExp(`^${group} \\(\\d+\\)$`) })
		).toBeVisible();
	}
	await expect(
		page.getByRole('article', {
			name: /^Candidate: Who heard Stalin say: ‘Yes, everything’s ready/
		})
	).toBeVisible();
	// No footnote number survives into a card.
	await expect(page.getByText(/power!’24|clear\.25/)).toHaveCount(0);
});

test('text shared from another app arrives in the passage box', async ({ page, isMobile }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	await waitForServiceWorker(page);
	// What the operating system does when the user shares text with Engram: a form POST.
	await page.evaluate((text) => {
		const form = Object.assign(document.createElement('form'), {
			method: 'post',
			enctype: 'multipart/form-data',
			action: '/share-target'
		});
		form.append(Object.assign(document.createElement('input'), { name: 'text', value: text }));
		document.body.append(form);
		form.submit();
	}, WALL);
	await page.waitForURL('**/new?shared=1');
	await expect(page.getByLabel('Passage')).toHaveValue(WALL);
	await press(page.getByRole('button', { name: 'Find cards' }), isMobile);
	await expect(
		page.getByRole('article', { name: 'Candidate: When did the Berlin Wall fall?' })
	).toBeVisible();
});

test('bad input gets one sentence and stores nothing', async ({ page, isMobile }) => {
	await page.goto('/new');
	await expect(page.getByRole('heading', { name: 'New deck from text' })).toBeVisible();
	const before = (await readStore<StoredDeck>(page, 'decks')).length;

	await press(page.getByRole('button', { name: 'Find cards' }), isMobile);
	await expect(page.getByRole('alert')).toHaveText(
		'The passage is empty: there is no text to build cards from.'
	);

	await page.getByLabel('Open a text file').setInputFiles({
		name: 'photo.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])
	});
	await expect(page.getByRole('alert')).toHaveText(
		'photo.txt: This is not a text file: it contains binary data.'
	);
	await expect(page.getByLabel('Passage')).toHaveValue('');
	expect(await readStore<StoredDeck>(page, 'decks')).toHaveLength(before);
});
