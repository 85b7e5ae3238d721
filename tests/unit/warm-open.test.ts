/**
 * The service worker's early open of the collection (src/lib/storage/warm-open.ts): it runs on
 * every navigation to the app, before the app's own open with its schema, so it must never create
 * the database, never change an existing one, and never stand in the way of an upgrade.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, EngramDB } from '$lib/storage/db';
import { COLLECTION_DB, opensAppShell, warmOpen } from '$lib/storage/warm-open';

/** warmOpen, resolved once its open succeeded or failed. */
async function warm(holdMs = 60_000): Promise<void> {
	const request = warmOpen(indexedDB, COLLECTION_DB, holdMs);
	expect(request).toBeDefined();
	await new Promise((resolve) => {
		request!.addEventListener('success', resolve);
		request!.addEventListener('error', resolve);
	});
}

function openRaw(version?: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(COLLECTION_DB, version);
		request.onupgradeneeded = () => request.result.createObjectStore(`v${version}`);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('blocked by another connection'));
	});
}

afterEach(async () => {
	vi.restoreAllMocks();
	await new Promise((resolve) => (indexedDB.deleteDatabase(COLLECTION_DB).onsuccess = resolve));
});

describe('warmOpen, the early open of the collection', () => {
	it("names the app's database", () => {
		expect(COLLECTION_DB).toBe(DB_NAME);
	});

	it('does not create the database when there is none, so a fresh profile gets the schema', async () => {
		await warm();
		expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(COLLECTION_DB);

		const db = new EngramDB();
		await db.open();
		expect(db.verno).toBe(new EngramDB().verno);
		expect(db.tables.map((table) => table.name)).toContain('reviews');
		db.close();
	});

	it('leaves an existing collection as it was', async () => {
		const db = new EngramDB();
		await db.decks.put({ id: 'd1', name: 'Kept' } as never);
		const version = db.backendDB().version;
		const stores = [...db.backendDB().objectStoreNames];
		db.close();

		await warm();

		const after = await openRaw();
		expect(after.version).toBe(version);
		expect([...after.objectStoreNames]).toEqual(stores);
		after.close();
		const reopened = new EngramDB();
		expect(await reopened.decks.get('d1')).toMatchObject({ name: 'Kept' });
		reopened.close();
	});

	it("closes for an upgrade at once, and on its own once the page's open is under way", async () => {
		(await openRaw(1)).close();
		const close = vi.spyOn(IDBDatabase.prototype, 'close');
		await warm(60_000);
		// Not blocked: the app's newer schema opens without waiting for the hold to end.
		const upgraded = await openRaw(2);
		expect(upgraded.version).toBe(2);
		upgraded.close();
		expect(close).toHaveBeenCalled();

		close.mockClear();
		await warm(10);
		await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));
	});
});

describe('opensAppShell', () => {
	const precached = (url: string) =>
		['/index.html', '/icons/icon-192.png'].includes(new URL(url).pathname);

	it('is every navigation the app shell answers, not one to another built file', () => {
		const at = (path: string) => opensAppShell(`https://engram.test${path}`, precached);
		expect(at('/')).toBe(true);
		expect(at('/study/deck-1')).toBe(true);
		expect(at('/index.html')).toBe(true);
		expect(at('/icons/icon-192.png')).toBe(false);
	});
});
