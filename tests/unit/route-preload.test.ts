/**
 * route-preload.js, as the build writes it, starts opening the collection's database before the
 * app's code has loaded (scripts/route-preload.ts): it must never create the database (the app
 * creates it with its schema) nor stand in the way of an upgrade.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routePreloadScript } from '../../scripts/route-preload';

/** Runs the script as app.html would, on a path no route matches; resolves once its open ends. */
async function runScript(): Promise<void> {
	const open = vi.spyOn(indexedDB, 'open');
	new Function('document', 'location', routePreloadScript([]))({}, { pathname: '/nowhere' });
	const request = open.mock.results[0]!.value as IDBOpenDBRequest;
	open.mockRestore();
	await new Promise((resolve) => {
		request.addEventListener('success', resolve);
		request.addEventListener('error', resolve);
	});
}

function openRaw(version: number, store: string): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open('engram', version);
		request.onupgradeneeded = () => request.result.createObjectStore(store);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
		request.onblocked = () => reject(new Error('blocked by another connection'));
	});
}

afterEach(async () => {
	await new Promise((resolve) => (indexedDB.deleteDatabase('engram').onsuccess = resolve));
});

describe('route-preload.js opening the database early', () => {
	it('does not create the database when there is none', async () => {
		await runScript();
		const names = (await indexedDB.databases()).map((db) => db.name);
		expect(names).not.toContain('engram');
	});

	it('opens an existing database and steps aside for an upgrade', async () => {
		(await openRaw(1, 'cards')).close();
		await runScript();
		// The app's newer schema: opens at once, neither blocked nor waiting for the script's
		// connection to close on its own (10 s later).
		const upgraded = await openRaw(2, 'reviews');
		expect([...upgraded.objectStoreNames].sort()).toEqual(['cards', 'reviews']);
		upgraded.close();
	});
});
