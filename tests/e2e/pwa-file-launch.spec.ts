// Proves that opening a deck file with the installed app imports it, with Chromium's own file
// handling: the app is installed in a real profile (CDP `PWA.install`, as DevTools does), then
// Chromium launches it with a real Anki package from the shared fixtures (CDP
// `PWA.launchFilesInApp`, what the OS does when the user opens the file with Engram). Chromium
// matches the file against the manifest's file_handlers, opens their action (/import) and hands
// the file over through `launchQueue`; the import then runs offline.
import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readStore, waitForServiceWorker } from './fixtures';
import { installApp, Profile } from './pwa-profile';

const FIXTURE = new URL('../../../shared/fixtures/decks/anki-legacy1-sound.apkg', import.meta.url);

test('a deck file opened with the installed app goes straight into the import', async ({
	playwright
}, testInfo) => {
	test.setTimeout(60_000);
	const profile = new Profile(playwright, testInfo);
	try {
		const { context, page } = await profile.launch();
		await page.goto('/');
		await waitForServiceWorker(page);
		const { cdp, manifestId } = await installApp(page);
		const { fileHandlers } = await cdp.send('PWA.getOsAppState', { manifestId });
		expect(fileHandlers.map((h) => new URL(h.action).pathname)).toEqual(['/import']);

		await context.setOffline(true);
		await cdp.send('PWA.launchFilesInApp', { manifestId, files: [fileURLToPath(FIXTURE)] });
		// Chromium opens the handler's action in the app (headless: in the existing tab).
		const opened = () => context.pages().find((p) => new URL(p.url()).pathname === '/import');
		await expect.poll(opened).toBeDefined();
		const app = opened() ?? page;
		await expect(app.getByRole('status', { name: 'Import summary' })).toContainText(
			'1 note added',
			{ timeout: 30_000 }
		);
		const notes = await readStore<{ id: string }>(app, 'notes');
		expect(notes.filter((n) => n.id.startsWith('anki:'))).toHaveLength(1);
		await context.close();
	} finally {
		profile.remove();
	}
});
