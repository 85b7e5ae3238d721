// Another tab's restore or import, played by the test in this one: its journal's Web Lock held,
// its rows written as a writer leaves them, and its end, after which the layout remakes the
// screen (collection.ended).
import { expect, type Locator, type Page } from '@playwright/test';
import { putRecords, readStore } from './fixtures';

/** What the app says of a write refused while another tab's journal is open (describeWriteError). */
export const NOT_SAVED = /restore or import is running in another tab, so this was not saved/;

/** The alert in `scope` that says a write there was refused for another tab's journal. */
export const notSavedAlert = (scope: Page | Locator) =>
	scope.getByRole('alert').filter({ hasText: NOT_SAVED });

/** Holds the journal's Web Lock (journal-lock.ts) as a live writer does; resolves once held. */
async function holdJournalLock(page: Page): Promise<() => Promise<void>> {
	await page.evaluate(
		() =>
			new Promise<void>((held) => {
				void navigator.locks.request('engram-write-journal', () => {
					held();
					return new Promise<void>((release) => {
						(globalThis as unknown as { releaseJournal: () => void }).releaseJournal = release;
					});
				});
			})
	);
	return () =>
		page.evaluate(() => (globalThis as unknown as { releaseJournal: () => void }).releaseJournal());
}

/**
 * Plays another tab's import under way: its lock held, its journal row and open row written as a
 * writer leaves them. Resolves to the lock's release.
 */
export async function openJournalAsAnotherTab(page: Page): Promise<() => Promise<void>> {
	const release = await holdJournalLock(page);
	const journal = { id: 'import-e2e', kind: 'import', state: 'open', startedAt: Date.now() };
	await putRecords(page, 'journal', [journal]);
	await putRecords(page, 'journalOpen', [{ id: 'open' }]);
	return release;
}

/** Deletes the journal's rows, as the writer does when it is done. */
export async function closeJournal(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('engram');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction(['journal', 'journalOpen'], 'readwrite');
					tx.objectStore('journal').clear();
					tx.objectStore('journalOpen').clear();
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

/**
 * The other tab says it writes (journal-notice.ts), then it is gone, its journal left open: this
 * tab rolls the journal back and the layout makes the screen again. `release` is the lock's.
 */
export async function endJournalInAnotherTab(
	page: Page,
	release: () => Promise<void>
): Promise<void> {
	await page.evaluate(() => {
		const channel = new BroadcastChannel('engram-journal');
		channel.postMessage({ kind: 'import', from: 'other-tab' });
		channel.close();
	});
	// Its notice (JournalNotice.svelte); a dialog of the screen's own may be open beneath it.
	const notice = page.getByRole('dialog', { name: 'Importing in another tab…' });
	await expect(notice).toBeVisible();
	await release();
	await expect(notice).toBeHidden();
	expect(await readStore(page, 'journal')).toEqual([]);
}
