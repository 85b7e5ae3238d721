// Shared helpers for the end-to-end tests: reading the real IndexedDB, waiting for the service
// worker, and tapping or clicking depending on the project.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';

export const BUNDLED_DECK_ID = 'engram-october-1917';

export interface StoredReview {
	id: string;
	cardId: string;
	rating: number;
	state: number;
}

export interface StoredCard {
	id: string;
	reps: number;
	state: number;
	stability: number;
	due: string;
}

/** Reads a whole object store of the `engram` database with the raw IndexedDB API. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
	return page.evaluate(
		(name) =>
			new Promise<T[]>((resolve, reject) => {
				const open = indexedDB.open('engram');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const request = db.transaction(name, 'readonly').objectStore(name).getAll();
					request.onsuccess = () => {
						db.close();
						resolve(request.result as T[]);
					};
					request.onerror = () => reject(request.error);
				};
			}),
		store
	);
}

/** The restore points kept on this device (their own database; details only, not the bytes). */
export async function readRestorePoints(
	page: Page
): Promise<{ kind: string; createdAt: number }[]> {
	return page.evaluate(
		() =>
			new Promise<{ kind: string; createdAt: number }[]>((resolve, reject) => {
				const open = indexedDB.open('engram-restore-points');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					if (!db.objectStoreNames.contains('points')) {
						db.close();
						resolve([]);
						return;
					}
					const request = db.transaction('points').objectStore('points').getAll();
					request.onsuccess = () => {
						db.close();
						resolve(request.result as { kind: string; createdAt: number }[]);
					};
					request.onerror = () => reject(request.error);
				};
			})
	);
}

/** Writes whole records into an object store of the `engram` database with the raw IndexedDB API. */
export async function putRecords(page: Page, store: string, records: object[]): Promise<void> {
	await page.evaluate(
		([name, list]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('engram');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const tx = db.transaction(name, 'readwrite');
					list.forEach((record) => tx.objectStore(name).put(record));
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		[store, records] as const
	);
}

/** Resolves once a service worker controls the page (the first worker claims its clients). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) =>
				navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })
			);
		}
	});
}

/** Taps on touch devices, clicks elsewhere: a person on a phone uses their thumb. */
export async function press(locator: Locator, touch: boolean): Promise<void> {
	if (touch) {
		await locator.tap();
	} else {
		await locator.click();
	}
}

/** From Today, asks to delete the bundled deck through its menu; returns the shown confirmation. */
export async function askToDeleteBundledDeck(page: Page, touch: boolean): Promise<Locator> {
	await page.goto('/');
	await press(
		page.getByRole('button', { name: 'Actions for History::October 1917', exact: true }),
		touch
	);
	await press(page.getByRole('button', { name: 'Delete deck' }), touch);
	const confirm = page.getByRole('dialog', { name: 'Delete deck?' });
	await expect(confirm).toBeVisible();
	return confirm;
}

/** Reveals the current card and grades it Good, by mouse/touch. */
export async function answerGood(page: Page, touch: boolean): Promise<void> {
	await press(page.getByRole('button', { name: 'Show answer' }), touch);
	const good = page.getByRole('button', { name: /^Good/ });
	await expect(good).toBeEnabled();
	await press(good, touch);
}

/** Suspends every card through the browser's bulk action, so a test studies only what it adds. */
export async function suspendAllCards(page: Page): Promise<void> {
	await page.goto('/browse');
	await expect(page.getByTestId('result-count')).toHaveText(/\d+ cards?/);
	await page.getByRole('checkbox', { name: 'Select all' }).check();
	await page
		.getByRole('toolbar', { name: 'Selected cards' })
		.getByRole('button', { name: 'Suspend', exact: true })
		.click();
	await expect(page.getByRole('status').filter({ hasText: 'suspended.' })).toBeVisible();
}

/**
 * Suspends every card there is and turns off burying in the bundled deck, so a test studies
 * just the notes it adds to that deck, siblings included, today.
 */
export async function studyOnlyNewNotes(page: Page): Promise<void> {
	await suspendAllCards(page);
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	await page.getByRole('checkbox', { name: /Bury related cards/ }).uncheck();
	await page.getByRole('button', { name: 'Save options' }).click();
	await expect(page.getByText('Saved.')).toBeVisible();
}

export const BACKUP_FILE = /^engram-backup-\d{4}-\d{2}-\d{2}\.zip$/;

/** Downloads a backup from Settings and returns the saved file's path. */
export async function downloadBackup(
	page: Page,
	touch: boolean,
	testInfo: TestInfo
): Promise<string> {
	await page.goto('/settings');
	const panel = page.getByRole('region', { name: 'Backup and restore' });
	const download = page.waitForEvent('download');
	await press(panel.getByRole('button', { name: 'Download backup' }), touch);
	const file = await download;
	expect(file.suggestedFilename()).toMatch(BACKUP_FILE);
	await expect(panel.getByText(/^Backup saved as engram-backup-/)).toBeVisible();
	const path = testInfo.outputPath(file.suggestedFilename());
	await file.saveAs(path);
	return path;
}

/**
 * Holds a read-write transaction on `settings` (or store `name` of `database`) in this page until
 * released: the backup worker's snapshot (one read transaction over every table) waits behind
 * it, so a backup or a restore is reliably still running when Cancel is pressed, however fast
 * the machine.
 */
export async function holdSettings(
	page: Page,
	[database, name] = ['engram', 'settings']
): Promise<() => Promise<void>> {
	await page.evaluate(
		([database, name]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open(database);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const store = open.result.transaction(name, 'readwrite').objectStore(name);
					const hold = globalThis as unknown as { holding: boolean };
					hold.holding = true;
					const spin = () => {
						if (hold.holding) {
							store.get('none').onsuccess = spin;
						} else {
							open.result.close();
						}
					};
					spin();
					resolve();
				};
			}),
		[database, name] as const
	);
	return () =>
		page.evaluate(() => {
			(globalThis as unknown as { holding: boolean }).holding = false;
		});
}
