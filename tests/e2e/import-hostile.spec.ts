// Imported decks are untrusted: a package whose fields, templates and CSS carry script, event
// handlers, javascript: links, forms and external loads is imported, studied and clicked through
// in real Chromium, and nothing runs, nothing is fetched and the card's CSS stays in the card.
import { expect, test } from '@playwright/test';
import initSqlJs from 'sql.js';
import { basicCollection, legacyApkg, text } from '../shared/hostile-decks';
import { chooseFile, expectFinished, openImport } from './import-helpers';

const PWN = 'window.__pwned=1';
const FIELD = [
	'Capital of France',
	`<img src=x onerror="${PWN}">`,
	`<script>${PWN}</script>`,
	`<svg onload="${PWN}"></svg>`,
	`<a href="javascript:${PWN}">click me</a>`,
	`<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
	`<form action="https://evil.example/"><button>submit</button></form>`,
	`<img src="https://evil.example/track.png">`,
	`<div style="background:url(https://evil.example/bg.png)">styled</div>`
].join('');
const MXSS = `<math><mtext><table><mglyph><style><img src=x onerror="${PWN}">`;
const CSS = `@import url(https://evil.example/a.css);
.card { background: url(https://evil.example/b.png); }
.card { position: fixed; inset: 0; z-index: 99999; }
header, main, nav, button { display: none !important; }`;

async function hostileApkg(): Promise<Buffer> {
	const content = basicCollection(FIELD, `Paris<script>${PWN}</script>${MXSS}`);
	content.decks = [{ ...content.decks[0]!, name: 'Hostile deck' }];
	content.noteTypes = [
		{
			...content.noteTypes[0]!,
			name: 'Hostile',
			templates: [
				{
					name: 'Card 1',
					front: `<script>${PWN}</script><div onclick="${PWN}">{{Front}}</div>`,
					back: '{{FrontSide}}<hr id=answer>{{Back}}<img src=x onerror="window.__pwned=2">'
				}
			],
			css: CSS
		}
	];
	const evil = { 0: text('alert(1)') };
	return Buffer.from(legacyApkg(await initSqlJs(), content, { 0: '../../evil.js' }, evil));
}

test('a hostile deck imports, studies and clicks through without running anything', async ({
	page
}) => {
	const external: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (
			!['localhost', '127.0.0.1'].includes(url.hostname) &&
			!['blob:', 'data:'].includes(url.protocol)
		) {
			external.push(request.url());
		}
	});
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});

	await openImport(page);
	await chooseFile(page, {
		name: 'hostile.apkg',
		mimeType: 'application/octet-stream',
		buffer: await hostileApkg()
	});
	await expectFinished(page, 1);
	await expect(page.getByText(/Skipped a media file with an unsafe name/)).toBeVisible();

	await page.getByRole('link', { name: 'Go to decks' }).click();
	await page.getByRole('link', { name: 'Study Hostile deck' }).click();
	const question = page.getByRole('region', { name: 'Question' });
	await expect(question).toContainText('Capital of France');
	await page.getByRole('button', { name: 'Show answer' }).click();
	const answer = page.getByRole('region', { name: 'Answer' });
	await expect(answer).toContainText('Paris');
	// The deck's own `position: fixed` CSS hides its card (it is clipped to the card's box), so
	// the clicks are dispatched straight to the elements.
	await answer.getByText('click me').dispatchEvent('click');
	await answer.getByText('Capital of France').dispatchEvent('click');
	const box = await answer.boundingBox();
	const article = await page.locator('article').boundingBox();
	expect(box!.y + box!.height).toBeLessThanOrEqual(article!.y + article!.height);

	// The app around the card is still there and usable: the card's CSS did not escape.
	await expect(page.getByRole('link', { name: 'Engram' })).toBeVisible();
	await expect(page.getByRole('button', { name: /^Good/ })).toBeVisible();
	const html = await page.locator('article').innerHTML();
	await page.getByRole('button', { name: /^Good/ }).click();
	expect(html).not.toMatch(
		/<script|onerror|onload|onclick|javascript:|<form|<iframe|evil\.example/i
	);
	expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(dialogs).toEqual([]);
	expect(external).toEqual([]);
});
