// A person imports real Anki decks of every generation, a CSV with the column-mapping step, and
// broken files, through the import screen in Chromium; imported media show and play offline.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { readStore, waitForServiceWorker } from './fixtures';
import {
	FIXTURES,
	chooseFile,
	count,
	expectFinished,
	openImport,
	showCarCard
} from './import-helpers';

interface StoredNote {
	id: string;
	fields: Record<string, string>;
}

test('an Anki 2.0 package (collection.anki2) imports with its sound file', async ({ page }) => {
	await openImport(page);
	await chooseFile(page, FIXTURES + 'anki-legacy1-sound.apkg');
	await expectFinished(page, 1);
	await expect(page.getByText('1 media file added')).toBeVisible();
	const notes = await readStore<StoredNote>(page, 'notes');
	const imported = notes.filter((n) => n.id.startsWith('anki:'));
	expect(imported.map((n) => n.fields.Front)).toEqual(['[sound:foo.wav]']);
	expect(await count(page, 'media')).toBe(1);
});

test('a deck file dropped on the import screen imports', async ({ page, isMobile }) => {
	test.skip(isMobile, 'Phones have no drag and drop of files; they use the picker or sharing.');
	await openImport(page);
	const bytes = [...(await readFile(FIXTURES + 'anki-legacy1-sound.apkg'))];
	// What the browser hands the page when a file is dragged in from the desktop.
	const dataTransfer = await page.evaluateHandle((content) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([new Uint8Array(content)], 'dropped.apkg'));
		return transfer;
	}, bytes);
	const target = page.getByRole('region', { name: 'Drop a deck file here' });
	await target.dispatchEvent('dragenter', { dataTransfer });
	await target.dispatchEvent('dragover', { dataTransfer });
	await target.dispatchEvent('drop', { dataTransfer });
	await expectFinished(page, 1);
	const notes = await readStore<StoredNote>(page, 'notes');
	expect(notes.filter((n) => n.id.startsWith('anki:')).map((n) => n.fields.Front)).toEqual([
		'[sound:foo.wav]'
	]);
	expect(await count(page, 'media')).toBe(1);
});

for (const [generation, file] of [
	['2.1 (collection.anki21)', 'apkgparser-legacy2-anki21-media.apkg'],
	['23 (zstd collection.anki21b)', 'apkgparser-latest-anki21b-media.apkg']
]) {
	test(`an Anki ${generation} package shows its image and plays its sound offline`, async ({
		page,
		context
	}) => {
		// The Car card was last reviewed in Anki with a long interval: study on a day it is due.
		await page.clock.setFixedTime(new Date('2030-01-01T10:00:00'));
		await openImport(page);
		await chooseFile(page, FIXTURES + file);
		await expectFinished(page, 5);
		await expect(page.getByText('2 media files added')).toBeVisible();

		await waitForServiceWorker(page);
		await context.setOffline(true);
		await page.getByRole('link', { name: 'Go to decks' }).click();
		await page.getByRole('link', { name: 'Study Test deck' }).click();
		await showCarCard(page);
		const answer = page.getByRole('region', { name: 'Answer' });
		const image = answer.locator('img');
		await expect(image).toBeVisible();
		await expect
			.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(0);
		await answer.getByRole('button', { name: 'Play audio cable-car.mp3' }).click();
		await expect
			.poll(() => answer.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime))
			.toBeGreaterThan(0);
	});
}

test('an Anki 23 package (zstd collection.anki21b) imports notes, history and zstd media', async ({
	page
}) => {
	await openImport(page);
	await chooseFile(page, FIXTURES + 'apkgparser-latest-anki21b-media.apkg');
	await expectFinished(page, 5);
	await expect(page.getByText('6 cards and 23 past reviews added')).toBeVisible();
	await expect(page.getByText('2 media files added')).toBeVisible();
	const media = await readStore<{ name: string; type: string }>(page, 'media');
	expect(media.map((m) => `${m.name} ${m.type}`).sort()).toEqual([
		'cable-car.mp3 audio/mpeg',
		'download.jpg image/jpeg'
	]);
});

test('a CSV goes through the column mapping step with a preview', async ({ page }) => {
	await openImport(page);
	await chooseFile(page, FIXTURES + 'notion-export-japanese-words.csv');
	const mapping = page.getByRole('form', { name: 'Choose the columns' });
	await expect(mapping).toBeVisible();
	await expect(mapping.getByLabel('First row is a header')).toBeChecked();
	await mapping.getByLabel('Front').selectOption({ label: 'Meaning' });
	await mapping.getByLabel('Back').selectOption({ label: 'Word' });
	await expect(page.getByRole('table', { name: 'Preview' })).toContainText('Please');
	await mapping.getByRole('button', { name: 'Import' }).click();
	await expectFinished(page, 3);
	const notes = await readStore<StoredNote>(page, 'notes');
	expect(notes.map((n) => n.fields.Front)).toContain('Thank you (polite)');
});

test('a broken file gets one sentence and changes nothing', async ({ page }) => {
	await openImport(page);
	const before = await count(page, 'notes');
	await chooseFile(page, {
		name: 'broken.apkg',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from('PK\u0003\u0004 this zip stops here')
	});
	await expect(page.getByRole('alert')).toHaveText(
		'The Anki package is damaged or incomplete: its zip archive cannot be read.'
	);
	expect(await count(page, 'notes')).toBe(before);
	// Re-import the same file twice: the second time nothing is added.
	await chooseFile(page, FIXTURES + 'anki-testsuite-text-2fields.txt');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expectFinished(page, 5);
	await expect(page.getByText('4 notes skipped')).toBeVisible();
	await page.getByRole('button', { name: 'Import another file' }).click();
	await chooseFile(page, FIXTURES + 'anki-testsuite-text-2fields.txt');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expectFinished(page, 0);
	await expect(page.getByText('5 notes unchanged')).toBeVisible();
});
