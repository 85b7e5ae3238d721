/**
 * Asks the browser to keep our storage (navigator.storage.persist) so IndexedDB is not evicted
 * under pressure. Asked after the first finished review session, when the user has shown they
 * care about their data, not on first paint. The answer is remembered in `settings`.
 */
import type { EngramDB } from './db';
import { putSetting } from './settings';

export const PERSISTENCE_KEY = 'storagePersistence';

/** A refused request is asked again after this long (browsers grant with more engagement). */
export const ASK_AGAIN_AFTER_MS = 7 * 86_400_000;

export interface PersistenceAnswer {
	granted: boolean;
	askedAt: number;
}

/** The parts of `navigator.storage` we use, so tests can pass their own. */
export interface PersistentStorage {
	persist?: () => Promise<boolean>;
	persisted?: () => Promise<boolean>;
}

export async function persistenceAnswer(db: EngramDB): Promise<PersistenceAnswer | undefined> {
	const value = (await db.settings.get(PERSISTENCE_KEY))?.value as PersistenceAnswer | undefined;
	return value && typeof value.granted === 'boolean' ? value : undefined;
}

/**
 * Requests persistence unless it was granted already or refused recently; stores the answer.
 * Returns whether storage is persistent, or undefined when the browser has no such API.
 */
export async function requestPersistence(
	db: EngramDB,
	storage: PersistentStorage | undefined,
	now: Date
): Promise<boolean | undefined> {
	if (!storage?.persist) {
		return undefined;
	}
	const previous = await persistenceAnswer(db);
	if (previous?.granted) {
		return true;
	}
	if (previous && now.getTime() - previous.askedAt < ASK_AGAIN_AFTER_MS) {
		return false;
	}
	const granted = (await storage.persisted?.()) || (await storage.persist());
	const answer: PersistenceAnswer = { granted, askedAt: now.getTime() };
	await putSetting(db, PERSISTENCE_KEY, answer, now);
	return granted;
}
