/**
 * Name fields kept over the screen made again (state/typed-names.svelte.ts): a rename refused by
 * another tab's restore or import keeps the typed name, whatever the stored name became, with why
 * it was not saved; saved, the field shows the stored name as it is read back.
 */
import { describe, expect, it } from 'vitest';
import { TypedNames } from '$lib/state/typed-names.svelte';
import { renameDeck } from '$lib/storage/deck-rename';
import { emptyDeckDb, NOW } from './helpers';
import { holdJournal } from './journal-helpers';

describe('a typed name', () => {
	it('shows the stored name until one is typed, and follows it meanwhile', () => {
		const names = new TypedNames();
		expect(names.shown('name', 'Spanish')).toBe('Spanish');
		expect(names.shown('name', 'Languages::Spanish')).toBe('Languages::Spanish');
		names.type('name', 'Castilian');
		expect(names.shown('name', 'Languages::Spanish')).toBe('Castilian');
		expect(names.shown('other', 'Spanish')).toBe('Spanish');
	});

	it('refused by an open journal, stays typed with its message, then saves', async () => {
		const { db, deckId } = await emptyDeckDb();
		const stored = (await db.decks.get(deckId))!.name;
		const names = new TypedNames();
		names.type('name', 'Renamed');
		const rename = (name: string) => renameDeck(db, deckId, name, NOW);
		const release = await holdJournal(db);
		expect(await names.save('name', stored, rename)).toBe(false);
		await release();
		expect(names.status.error).toMatch(/^A restore or import is running in another tab, so this/);
		expect((await db.decks.get(deckId))!.name).toBe(stored);
		// The other tab's import renamed the deck: what was typed still shows, to save again.
		expect(names.shown('name', 'Imported')).toBe('Renamed');

		expect(await names.save('name', 'Imported', rename)).toBe(true);
		expect((await db.decks.get(deckId))!.name).toBe('Renamed');
		expect(names.status.error).toBeUndefined();
		// Until the stored name is read back, then the stored name as it is.
		expect(names.shown('name', 'Imported')).toBe('Renamed');
		expect(names.shown('name', 'Languages::Renamed')).toBe('Languages::Renamed');
	});

	it('writes nothing when nothing new was typed, nor twice at once', async () => {
		const names = new TypedNames();
		const writes: string[] = [];
		const write = async (name: string) => {
			writes.push(name);
			await Promise.resolve();
		};
		expect(await names.save('red', '', write)).toBe(false);
		names.type('red', 'Check source');
		// Enter, then leaving the field: one write.
		const [first, second] = await Promise.all([
			names.save('red', '', write),
			names.save('red', '', write)
		]);
		expect([first, second]).toEqual([true, false]);
		expect(await names.save('red', '', write)).toBe(false);
		expect(writes).toEqual(['Check source']);
	});
});
