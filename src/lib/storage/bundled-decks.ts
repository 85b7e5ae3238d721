/**
 * The decks that ship with the app, seeded once per deck version. The build ships each one
 * already validated and turned into records (scripts/bundled-deck-seed.ts), at a hashed,
 * precached URL, so a first visit loads neither the validator nor card generation: it fetches
 * the records, stamps today's time in and adds them.
 */
import octoberDeckSeedUrl from '$decks/october-1917.json?seed';
import type { SeedArtefact } from '$lib/domain/seed-artefact';
import type { EngramDB } from './db';
import { deleteSettings, putSetting } from './settings';

export const BUNDLED_DECK_URLS: readonly string[] = [octoberDeckSeedUrl];

/** Seeds the bundled decks not seeded yet; true when it added one. */
export async function loadBundledDecks(db: EngramDB, now: Date): Promise<boolean> {
	let added = false;
	for (const url of BUNDLED_DECK_URLS) {
		const key = `bundled:${url}`;
		if (await db.settings.get(key)) {
			continue;
		}
		const response = await fetch(url);
		if (!response.ok) {
			throw new Error(`The bundled deck could not be loaded (${response.status}).`);
		}
		const [{ stampSeed }, { seedRecords }] = await Promise.all([
			import('$lib/domain/seed-artefact'),
			import('./seed-records')
		]);
		await seedRecords(db, stampSeed((await response.json()) as SeedArtefact, now));
		await putSetting(db, key, now.getTime(), now);
		added = true;
	}
	return added;
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
