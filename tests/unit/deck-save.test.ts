import { describe, expect, it } from 'vitest';
import { buildCandidates, candidatesToDeck } from '$lib/domain/builder/index';
import { saveNewDeck } from '$lib/storage/deck-save';
import { freshDb, NOW } from './helpers';
import { cardsInDeck } from '$lib/storage/deck-rows';

const text = 'On 9 November 1989 the Berlin Wall fell. Crowds gathered at the Brandenburg Gate.';

describe('saving a deck built from a passage', () => {
	it('stores the deck, its notes with kind and source, and their new cards', async () => {
		const db = freshDb();
		const file = candidatesToDeck(buildCandidates(text), { id: 'deck-wall', name: 'Wall' });
		const result = await saveNewDeck(db, file, NOW);
		expect(result.notesAdded).toBe(file.notes.length);
		expect((await db.decks.get('deck-wall'))?.name).toBe('Wall');
		const notes = await db.notes.where('deckId').equals('deck-wall').toArray();
		expect(notes).toHaveLength(file.notes.length);
		expect(notes.every((n) => n.kind && n.source)).toBe(true);
		expect(await cardsInDeck(db, 'deck-wall').count()).toBe(result.cardsAdded);
	});

	it('never writes over an existing deck, and refuses an empty one', async () => {
		const db = freshDb();
		const file = candidatesToDeck(buildCandidates(text), { id: 'deck-wall', name: 'Wall' });
		await saveNewDeck(db, file, NOW);
		const again = candidatesToDeck(buildCandidates(text).slice(0, 1), {
			id: 'deck-wall',
			name: 'Other'
		});
		await expect(saveNewDeck(db, again, NOW)).rejects.toThrow(
			'A deck with this id already exists, so nothing was saved.'
		);
		expect((await db.decks.get('deck-wall'))?.name).toBe('Wall');
		const empty = candidatesToDeck([], { id: 'deck-empty', name: 'Empty' });
		await expect(saveNewDeck(db, empty, NOW)).rejects.toThrow('Accept at least one card');
		expect(await db.decks.get('deck-empty')).toBeUndefined();
	});
});
