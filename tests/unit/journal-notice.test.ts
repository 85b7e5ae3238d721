/**
 * Other tabs hear of a restore or import as its journal opens (storage/journal-notice.ts), and a
 * tab opened meanwhile waits for it: both are told its kind while it runs, and are let go once it
 * ended, committed or rolled back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EngramDB } from '$lib/storage/db';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { followJournals, PAGE_ID } from '$lib/storage/journal-notice';
import type { JournalKind } from '$lib/storage/write-journal';
import { journaled } from '$lib/storage/write-journal';
import { NOW } from './helpers';

const stops: (() => void)[] = [];
afterEach(() => {
	stops.splice(0).forEach((stop) => stop());
	delete (globalThis as { name?: string }).name;
});

/** Resolves with the kind of the next journal heard of, and the journal rows stored then. */
function nextNotice(db: EngramDB): Promise<{ kind: JournalKind; open: number }> {
	return new Promise((resolve) => {
		stops.push(
			followJournals(db, (kind) => {
				void db.journal.toArray().then((rows) => {
					resolve({ kind, open: rows.filter((row) => row.state === 'open').length });
				});
			})
		);
	});
}

describe('journal notice', () => {
	it('is heard once the journal row is stored, while the write still runs', async () => {
		const db = new EngramDB(`notice-${crypto.randomUUID()}`);
		const heard = nextNotice(db);
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const write = journaled(db, 'restore', NOW, () => held);
		expect(await heard).toEqual({ kind: 'restore', open: 1 });
		release();
		await write;
		expect(await db.journal.count()).toBe(0);
	});

	it('is not heard by the page whose own worker writes', async () => {
		const db = new EngramDB(`notice-${crypto.randomUUID()}`);
		let heard = 0;
		stops.push(followJournals(db, () => (heard += 1)));
		(globalThis as { name?: string }).name = PAGE_ID; // As in a worker this page named.
		await journaled(db, 'import', NOW, async () => {});
		delete (globalThis as { name?: string }).name;
		const other = nextNotice(db);
		await journaled(db, 'import', NOW, async () => {});
		expect((await other).kind).toBe('import');
		expect(heard).toBe(1);
	});

	it('tells a tab opened meanwhile, which waits until it is rolled back', async () => {
		const db = new EngramDB(`notice-${crypto.randomUUID()}`);
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const heard = nextNotice(db);
		const write = journaled(db, 'import', NOW, async (writes) => {
			await writes.put('decks', [{ id: 'deck-1', name: 'During' }]);
			await held;
			throw new Error('Cancelled.');
		});
		await heard;
		const waited: JournalKind[] = [];
		let opened = false;
		const open = rollBackInterruptedWrites(db, (kind) => waited.push(kind)).then(
			() => (opened = true)
		);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(waited).toEqual(['import']);
		expect(opened).toBe(false);
		release();
		await expect(write).rejects.toThrow('Cancelled.');
		await open;
		expect(await db.decks.get('deck-1')).toBeUndefined();
		expect(await db.journal.count()).toBe(0);
	});
});
