/** Reads what Card Info shows for one card: the card, its note, type, deck, preset and reviews. */
import type { CardInfoInput } from '$lib/domain/card-info';
import { cardTypeName } from '$lib/domain/card-view';
import { flagName } from '$lib/domain/flags';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { EngramDB } from './db';
import { getFlagNames } from './flag-names';

/** Undefined when the card (or its note) no longer exists. */
export async function loadCardInfo(
	db: EngramDB,
	cardId: string
): Promise<CardInfoInput | undefined> {
	const tables = [db.cards, db.notes, db.noteTypes, db.decks, db.presets, db.reviews, db.settings];
	return db.transaction('r', tables, async () => {
		const card = await db.cards.get(cardId);
		const note = card && (await db.notes.get(card.noteId));
		if (!card || !note) {
			return undefined;
		}
		const [noteType, deck, reviews, flagNames] = await Promise.all([
			db.noteTypes.get(note.noteTypeId),
			db.decks.get(card.deckId),
			db.reviews.where('cardId').equals(cardId).toArray(),
			getFlagNames(db)
		]);
		const preset = (deck && (await db.presets.get(deck.presetId))) ?? DEFAULT_PRESET;
		return {
			card,
			addedAt: note.createdAt,
			cardType: noteType ? cardTypeName(noteType, card.ord) : '',
			noteType: noteType?.name ?? note.noteTypeId,
			deckName: deck?.name ?? card.deckId,
			presetName: preset.name,
			weights: preset.weights,
			reviews,
			...(card.flag ? { flagName: flagName(card.flag, flagNames) } : {})
		};
	});
}
