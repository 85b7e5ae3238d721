/**
 * src/app.html's inline script, as the page runs it: it starts opening the collection's database
 * before the app's code has loaded, so it must never create the database (the app creates it with
 * its schema) nor stand in the way of an upgrade; and the CSP allows it by its hash
 * (scripts/inline-scripts.js, svelte.config.js).
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inlineScriptHashes, inlineScripts } from '../../scripts/inline-scripts.js';
import config from '../../svelte.config.js';

const APP_HTML = readFileSync('src/app.html', 'utf8');

interface Page {
	localStorage: { getItem(key: string): string | null } | undefined;
	document: { documentElement: { dataset: Record<string, string> } };
}

/** Runs app.html's inline scripts on `page`; resolves once the database open they asked for ends. */
async function runScripts(page: Page): Promise<void> {
	const open = vi.spyOn(indexedDB, 'open');
	for (const text of inlineScripts(APP_HTML)) {
		new Function('localStorage', 'document', text)(page.localStorage, page.document);
	}
	expect(open).toHaveBeenCalledTimes(1);
	const request = open.mock.results[0]!.value as IDBOpenDBRequest;
	open.mockRestore();
	await new Promise((resolve) => {
		request.addEventListener('success', resolve);
		request.addEventListener('error', resolve);
	});
}

const blankPage = (): Page => ({
	localStorage: undefined,
	document: { documentElement: { dataset: {} } }
});

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

describe("app.html's inline script opening the database early", () => {
	it('does not create the database when there is none', async () => {
		await runScripts(blankPage());
		const names = (await indexedDB.databases()).map((db) => db.name);
		expect(names).not.toContain('engram');
	});

	it('opens an existing database and steps aside for an upgrade', async () => {
		(await openRaw(1, 'cards')).close();
		await runScripts(blankPage());
		// The app's newer schema: opens at once, neither blocked nor waiting for the script's
		// connection to close on its own (10 s later).
		const upgraded = await openRaw(2, 'reviews');
		expect([...upgraded.objectStoreNames].sort()).toEqual(['cards', 'reviews']);
		upgraded.close();
	});

	it('applies the stored theme, and still opens the database when storage is blocked', async () => {
		const page = blankPage();
		page.localStorage = { getItem: (key) => (key === 'engram-theme' ? 'dark' : null) };
		await runScripts(page);
		expect(page.document.documentElement.dataset).toEqual({ theme: 'dark' });

		const blocked = blankPage();
		blocked.localStorage = {
			getItem: () => {
				throw new DOMException('blocked', 'SecurityError');
			}
		};
		await runScripts(blocked);
		expect(blocked.document.documentElement.dataset).toEqual({});
	});
});

describe('the CSP hashes of the inline scripts', () => {
	it('are the sha256 of exactly the text between the tags, for inline scripts only', () => {
		// SvelteKit's own hash of this text (its csp.js), computed elsewhere.
		const html = '<script>/* empty */</script><script src="/a.js"></script>';
		expect(inlineScriptHashes(html)).toEqual([
			'sha256-9OlNO0DNEeaVzHL4RZwCLsBHA8WBQ8toBp/4F5XV2nc='
		]);
	});

	it("allow app.html's inline script in the app's script-src", () => {
		const hashes = inlineScriptHashes(APP_HTML);
		expect(hashes).toHaveLength(1);
		expect(config.kit?.csp?.directives?.['script-src']).toEqual(expect.arrayContaining(hashes));
	});
});
