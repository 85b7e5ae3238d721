/**
 * The decks that ship with the app. Fetched from a hashed, precached URL (so the first screen's
 * JS stays small), validated, then seeded once per deck version. The validator (valibot) and the
 * card generation load only when a deck is actually seeded, not on every start.
 */
import octoberDeckUrl from '$decks/october-1917.json?url';
import type { EngramDB } from './db';
import { deleteSettings, putSetting } from './settings';

export const BUNDLED_DECK_URLS: readonly string[] = [octoberDeckUrl];

export async function loadBundledDecks(db: EngramDB, now: Date): Promise<void> {
	for (const url of BUNDLED_DECK_URLS) {
		const key = `bundled:${url}`;
		if (await db.settings.get(key)) {
			continue;
		}
		const response = await fetch(url);
		if (!response.ok) {
			throw new Error(`The bundled deck could not be loaded (${response.status}).`);
		}
		const [{ parseDeckFile }, { seedDeck }] = await Promise.all([
			import('$lib/domain/deck-file'),
			import('./seed')
		]);
		const file = parseDeckFile(await response.json());
		await seedDeck(db, file, now);
		await putSetting(db, key, now.getTime(), now);
	}
}

/** Adds the bundled decks again (after the user deleted them): only missing records come back. */
export async function restoreBundledDecks(db: EngramDB, now: Date): Promise<void> {
	await deleteSettings(
		db,
		BUNDLED_DECK_URLS.map((url) => `bundled:${url}`),
		now
	);
	await loadBundledDecks(db, now);
}
