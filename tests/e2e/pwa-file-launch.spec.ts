// Proves that opening a deck file with the installed app imports it: Chromium hands the file to
// the page through `launchQueue` (the manifest's file_handlers), here with a real Anki package
// from the shared fixtures, offline. Playwright cannot double-click a file in a file manager, so
// the queue is the one piece stood in for; everything after it is the real import.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readStore, waitForServiceWorker } from './fixtures';

const FIXTURE = new URL('../../../shared/fixtures/decks/anki-legacy1-sound.apkg', import.meta.url);

test('a deck file opened with the app goes straight into the import', async ({ page }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await page.context().setOffline(true);

	await page.addInitScript((base64) => {
		const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
		const handle = {
			kind: 'file',
			name: 'anki-legacy1-sound.apkg',
			getFile: async () => new File([bytes], 'anki-legacy1-sound.apkg')
		};
		// As Chromium does: the launch waits in the queue until the page sets its consumer.
		// Chromium has a native (read-only) launchQueue: replace it rather than assign to it.
		Object.defineProperty(window, 'launchQueue', {
			configurable: true,
			value: { setConsumer: (consume: (p: unknown) => void) => consume({ files: [handle] }) }
		});
	}, readFileSync(FIXTURE).toString('base64'));
	await page.goto('/import');

	const summary = page.getByRole('status', { name: 'Import summary' });
	await expect(summary).toContainText('1 note added', { timeout: 30_000 });
	const notes = await readStore<{ id: string }>(page, 'notes');
	expect(notes.filter((n) => n.id.startsWith('anki:'))).toHaveLength(1);
});
