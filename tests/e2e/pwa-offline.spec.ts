// Proves every screen works with no network after one online visit, opened directly by its URL
// (a deep link, a home-screen shortcut), and that what other apps share reaches Engram offline.
// The control test shows the same visits fail with the service worker blocked, so these tests
// really depend on the worker.
import { expect, test, type Page } from '@playwright/test';
import { readStore, waitForServiceWorker, type StoredReview } from './fixtures';
import { OFFLINE_ROUTES } from './offline-routes';

async function visitOnceThenGoOffline(page: Page): Promise<void> {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	await waitForServiceWorker(page);
	await page.context().setOffline(true);
}

for (const route of OFFLINE_ROUTES) {
	test(`${route.path} opens and works offline`, async ({ page, isMobile }) => {
		await visitOnceThenGoOffline(page);
		await page.goto(route.path);
		await route.works(page, isMobile);
	});
}

test('reviews made offline are stored', async ({ page, isMobile }) => {
	await visitOnceThenGoOffline(page);
	const study = OFFLINE_ROUTES.find((r) => r.path.startsWith('/study/'));
	await page.goto(study?.path ?? '/');
	await study?.works(page, isMobile);
	expect(await readStore<StoredReview>(page, 'reviews')).toHaveLength(1);
});

test.describe('control: without the service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('no screen opens offline', async ({ page, context }) => {
		await page.goto('/');
		await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
		await context.setOffline(true);
		for (const route of OFFLINE_ROUTES) {
			await expect(page.goto(route.path)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
		}
	});
});

/** What the operating system does when the user shares with Engram: a form POST. */
async function share(page: Page, text: string, file?: { name: string; content: string }) {
	await page.evaluate((value) => {
		const form = Object.assign(document.createElement('form'), {
			method: 'post',
			enctype: 'multipart/form-data',
			action: '/share-target'
		});
		form.dataset.share = '';
		const input = Object.assign(document.createElement('input'), { type: 'file', name: 'files' });
		const textField = Object.assign(document.createElement('input'), { name: 'text', value });
		form.append(input, textField);
		document.body.append(form);
	}, text);
	if (file) {
		await page.locator('form[action="/share-target"] input[type="file"]').setInputFiles({
			name: file.name,
			mimeType: 'text/csv',
			buffer: Buffer.from(file.content)
		});
	}
	// Submit the share form itself: the screen may have forms of its own (the import mapping).
	await page.evaluate(() => document.querySelector<HTMLFormElement>('form[data-share]')?.submit());
}

const inboxExists = (page: Page) => page.evaluate(() => caches.has('engram-share-inbox'));

test('the worker keeps a shared file until the import screen takes it', async ({ page }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const stashed = await page.evaluate(async () => {
		const form = new FormData();
		form.append('files', new File(['Paris,France\n'], 'capitals.csv', { type: 'text/csv' }));
		const response = await fetch('/share-target', { method: 'POST', body: form });
		const inbox = await caches.open('engram-share-inbox');
		const keys = await inbox.keys();
		const file = keys[0] ? await (await inbox.match(keys[0]))?.text() : undefined;
		return { landing: new URL(response.url).pathname + new URL(response.url).search, file };
	});
	expect(stashed).toEqual({ landing: '/import?shared=1', file: 'Paris,France\n' });

	await page.context().setOffline(true);
	await page.goto('/import?shared=1');
	await expect.poll(() => inboxExists(page)).toBe(false);
});

test('sharing works offline: files go to import, text to a new deck', async ({ page }) => {
	await visitOnceThenGoOffline(page);
	await share(page, '', { name: 'capitals.csv', content: 'Paris,France\n' });
	await page.waitForURL('**/import?shared=1');
	await expect.poll(() => inboxExists(page)).toBe(false);

	const text = 'The Winter Palace was taken on 25 October 1917.';
	await share(page, text);
	await page.waitForURL('**/new?shared=1');
	await expect(page.getByLabel('Passage')).toHaveValue(text);
	await expect.poll(() => inboxExists(page)).toBe(false);
});
