/**
 * Starts the browser's open of the collection's database without reading it. The service worker
 * calls it when it answers a navigation to the app, so the open of a large collection from disk
 * (the slowest step of a cold start) begins before the page has even parsed the shell, beside the
 * rest of the start instead of after it. Raw IndexedDB, no Dexie: the worker stays small.
 */

/** The collection's database: db.ts's DB_NAME (a test keeps the two equal). */
export const COLLECTION_DB = 'engram';

/**
 * Opens `name` without a version and closes it `holdMs` after it opened, by when the page has
 * asked for its own connection (the browser keeps a database open while an open is pending). It
 * never creates the database (opening one that does not exist would create it at version 1: that
 * upgrade is aborted, and the app creates it with its schema), never changes it, and closes at
 * once for another connection's upgrade or a deletion. Returns the request (undefined when
 * storage is blocked: the app's own open says so).
 */
export function warmOpen(
	factory: IDBFactory,
	name: string,
	holdMs: number
): IDBOpenDBRequest | undefined {
	try {
		const open = factory.open(name);
		open.onupgradeneeded = () => open.transaction?.abort();
		open.onerror = (event) => event.preventDefault();
		open.onsuccess = () => {
			const db = open.result;
			db.onversionchange = () => db.close();
			setTimeout(() => db.close(), holdMs);
		};
		return open;
	} catch {
		return undefined;
	}
}

/**
 * Whether a navigation to `url` gets the app shell: any but one to another built file (an icon
 * opened in a tab, say). `precached` says whether the service worker's precache holds `url`.
 */
export function opensAppShell(url: string, precached: (url: string) => boolean): boolean {
	return !precached(url) || new URL(url).pathname.endsWith('/index.html');
}
