/** Loads what the study screen needs to show one card. */
import { renderCard, type CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import type { EngramDB } from './db';

export async function loadCardView(db: EngramDB, card: CardRecord): Promise<CardView> {
	const [note, deck] = await Promise.all([db.notes.get(card.noteId), db.decks.get(card.deckId)]);
	if (!note || !deck) {
		throw new Error('This card’s note or deck is missing.');
	}
	const noteType = await db.noteTypes.get(note.noteTypeId);
	if (!noteType) {
		throw new Error(`Note type “${note.noteTypeId}” is missing.`);
	}
	return renderCard(card, note, noteType, deck);
}

export async function getCard(db: EngramDB, cardId: string): Promise<CardRecord | undefined> {
	return db.cards.get(cardId);
}

/** The ids of every card of the note (the card on screen and its siblings). */
export async function cardIdsOfNote(db: EngramDB, noteId: string): Promise<string[]> {
	return db.cards.where('noteId').equals(noteId).primaryKeys();
}
