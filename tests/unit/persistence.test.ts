import { describe, expect, it } from 'vitest';
import { persistenceAnswer, requestPersistence } from '$lib/storage/persistence';
import { freshDb, NOW } from './helpers';

const DAY = 86_400_000;

function fakeStorage(grant: boolean) {
	const calls = { persist: 0 };
	return {
		calls,
		storage: {
			persisted: () => Promise.resolve(false),
			persist: () => {
				calls.persist += 1;
				return Promise.resolve(grant);
			}
		}
	};
}

describe('navigator.storage.persist', () => {
	it('remembers a refusal and asks again only after a week', async () => {
		const db = freshDb();
		const { storage, calls } = fakeStorage(false);
		expect(await requestPersistence(db, storage, NOW)).toBe(false);
		expect(await persistenceAnswer(db)).toEqual({ granted: false, askedAt: NOW.getTime() });
		expect(await requestPersistence(db, storage, new Date(NOW.getTime() + 6 * DAY))).toBe(false);
		expect(calls.persist).toBe(1);
		await requestPersistence(db, storage, new Date(NOW.getTime() + 7 * DAY));
		expect(calls.persist).toBe(2);
	});

	it('never asks again once granted, and does nothing without the API', async () => {
		const db = freshDb();
		const { storage, calls } = fakeStorage(true);
		expect(await requestPersistence(db, storage, NOW)).toBe(true);
		expect(await requestPersistence(db, storage, new Date(NOW.getTime() + 30 * DAY))).toBe(true);
		expect(calls.persist).toBe(1);
		const other = freshDb();
		expect(await requestPersistence(other, undefined, NOW)).toBeUndefined();
		expect(await requestPersistence(other, {}, NOW)).toBeUndefined();
		expect(await persistenceAnswer(other)).toBeUndefined();
	});
});
