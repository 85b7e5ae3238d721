/**
 * A page being closed aborts its open reads (`abortReads`), so that the writes asked for after
 * them run before its connection goes. A read that sends each request once the last came back
 * holds back a write on the same store for as long as it goes on; here it never ends, as when
 * the page has stopped running.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import type { EngramDB } from '$lib/storage/db';
import { seededDb } from './helpers';

/** A read of `card` again and again, one request after the other, until it is aborted. */
function endlessRead(db: EngramDB, card: CardRecord) {
	const progress = { rounds: 0 };
	const reading = db.transaction('r', db.cards, async () => {
		for (;;) {
			await db.cards.get(card.id);
			progress.rounds += 1;
		}
	});
	reading.catch(() => undefined); // Awaited by the test.
	return { reading, progress };
}

const tasks = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('open reads aborted as the page closes', () => {
	it('a write queued behind a read still going lands once the reads are aborted', async () => {
		const { db } = await seededDb();
		const card = (await db.cards.toCollection().first())!;
		const { reading, progress } = endlessRead(db, card);
		await tasks(20);
		expect(progress.rounds).toBeGreaterThan(0);
		let written = false;
		const write = db.cards.put({ ...card, mtime: card.mtime + 1 }).then(() => (written = true));
		await tasks(50);
		expect(written).toBe(false); // Held back by the read.
		expect(db.abortReads()).toBe(1);
		await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
		await write;
		expect((await db.cards.get(card.id))!.mtime).toBe(card.mtime + 1);
	});

	it('leaves writes and finished reads alone', async () => {
		const { db } = await seededDb();
		const card = (await db.cards.toCollection().first())!;
		await db.cards.get(card.id); // A read that is over: nothing left to abort.
		const writing = db.transaction('rw', db.cards, async () => {
			await db.cards.put({ ...card, mtime: card.mtime + 1 });
			expect(db.abortReads()).toBe(0);
			await db.cards.put({ ...card, mtime: card.mtime + 2 });
		});
		await writing;
		expect((await db.cards.get(card.id))!.mtime).toBe(card.mtime + 2);
	});
});
