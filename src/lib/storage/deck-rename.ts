/**
 * Renaming a deck, which with `::` also moves it: `Spanish` renamed `Languages::Spanish` nests
 * it under Languages. Its subdecks move with it, in one transaction. As in Anki, a name already
 * taken (whatever its case) is refused rather than merged, and a deck cannot go inside itself.
 */
import {
	DeckNameError,
	inDeckTree,
	movedDeckName,
	normaliseDeckName
} from '$lib/domain/deck-names';
import type { EngramDB } from './db';
import { deckWithSubdecks } from './decks';

/** Renames the deck (and so its subdecks); throws a DeckNameError and changes nothing if it can't. */
export async function renameDeck(
	db: EngramDB,
	deckId: string,
	name: string,
	now: Date
): Promise<void> {
	const to = normaliseDeckName(name);
	await db.transaction('rw', db.decks, async () => {
		const moving = await deckWithSubdecks(db, deckId);
		if (moving.length === 0) {
			throw new DeckNameError('That deck does not exist any more.');
		}
		const from = moving[0]!.name;
		if (to === from) {
			return;
		}
		if (inDeckTree(to, from)) {
			throw new DeckNameError('A deck cannot be moved inside itself.');
		}
		const ids = new Set(moving.map((d) => d.id));
		for (const target of moving.map((d) => movedDeckName(d.name, from, to))) {
			const taken = await db.decks.where('name').equalsIgnoreCase(target).first();
			if (taken && !ids.has(taken.id)) {
				throw new DeckNameError(`There is already a deck named “${taken.name}”.`);
			}
		}
		await db.decks.bulkPut(
			moving.map((d) => ({
				...d,
				name: movedDeckName(d.name, from, to),
				mtime: Math.max(now.getTime(), d.mtime + 1)
			}))
		);
	});
}
