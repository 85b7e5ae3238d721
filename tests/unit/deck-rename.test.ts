/**
 * Renaming a deck renames its subtree with it, so `::` moves a deck under another; names are
 * trimmed part by part, and empty parts, a taken name or a move into itself change nothing.
 */
import { describe, expect, it } from 'vitest';
import { DeckNameError, normaliseDeckName } from '$lib/domain/deck-names';
import { ensureDeckAtPath, listDecks } from '$lib/storage/decks';
import { renameDeck } from '$lib/storage/deck-rename';
import { studyScope } from '$lib/storage/queue';
import { freshDb, NOW } from './helpers';

const LATER = new Date(NOW.getTime() + 60_000);

async function decks(...paths: string[]) {
	const db = freshDb();
	const ids: Record<string, string> = {};
	for (const path of paths) {
		ids[path] = await ensureDeckAtPath(db, path, NOW);
	}
	return { db, ids };
}

const names = async (db: ReturnType<typeof freshDb>) =>
	(await listDecks(db)).map((deck) => deck.name);

describe('renaming a deck', () => {
	it('moves the deck and its subdecks under another deck with ::', async () => {
		const { db, ids } = await decks(
			'Spanish',
			'Spanish::Verbs',
			'Spanish::Verbs::Irregular',
			'Languages'
		);
		await renameDeck(db, ids['Spanish']!, ' Languages :: Español ', LATER);
		expect(await names(db)).toEqual([
			'Languages',
			'Languages::Español',
			'Languages::Español::Verbs',
			'Languages::Español::Verbs::Irregular'
		]);
		const moved = await db.decks.get(ids['Spanish::Verbs']!);
		expect(moved?.mtime).toBe(LATER.getTime());
		// Studying Languages now takes in the moved decks.
		const scope = await studyScope(db, ids['Languages']!);
		expect(scope.deckIds.sort()).toEqual(Object.values(ids).sort());
	});

	it('refuses a taken name (in any case), a move inside itself and empty parts', async () => {
		const { db, ids } = await decks('Spanish', 'Spanish::Verbs', 'French');
		const before = await db.decks.toArray();
		const refusals: [string, string, string][] = [
			['Spanish', 'french', 'There is already a deck named “French”.'],
			['French', 'Spanish::Verbs', 'There is already a deck named “Spanish::Verbs”.'],
			['Spanish', 'Spanish::Verbs::Spanish', 'A deck cannot be moved inside itself.'],
			['Spanish', '  ', 'A deck needs a name.'],
			['Spanish', 'Languages::', 'A deck name cannot have an empty part before or after “::”.'],
			['Spanish', '::Spanish', 'A deck name cannot have an empty part before or after “::”.']
		];
		for (const [deck, name, message] of refusals) {
			await expect(renameDeck(db, ids[deck]!, name, LATER)).rejects.toThrow(
				new DeckNameError(message)
			);
		}
		expect(await db.decks.toArray()).toEqual(before);
	});

	it('takes a change of case or spacing of its own name', async () => {
		const { db, ids } = await decks('spanish', 'spanish::verbs');
		await renameDeck(db, ids['spanish']!, 'Spanish ', LATER);
		expect(await names(db)).toEqual(['Spanish', 'Spanish::verbs']);
		expect(normaliseDeckName('A ::B:: C')).toBe('A::B::C');
	});
});
