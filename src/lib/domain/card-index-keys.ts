/**
 * The fields a card carries only to be indexed. IndexedDB leaves a record out of an index whose
 * key path it lacks, and every index entry is one more write on each put of the card, so these
 * fields exist only on the cards their index must find: `newPosition` and `shuffle` on cards in
 * the new queue ([deckId+queue+newPosition] and [deckId+queue+shuffle]: the deck and random
 * new-card orders), `flag` on flagged cards. A suspend or an answer of a graduated card then
 * writes three index entries (noteId, due, [deckId+queue+due]) instead of six. `newPosition`
 * repeats `position`, which every card keeps (a reset can restore it); both follow from the card
 * alone, so every copy of a card derives the same, and storage/db.ts sets them on every write.
 */
import type { CardRecord } from './model';
import { shuffleKey } from './queue-policy';

/** Sets or clears the card's index-only fields in place, from its queue, position, id and flag. */
export function setIndexKeys(card: CardRecord): void {
	if (card.queue === 'new') {
		card.newPosition = card.position;
		card.shuffle = shuffleKey(card.id);
	} else {
		delete card.newPosition;
		delete card.shuffle;
	}
	if (card.flag === 0) {
		delete card.flag;
	}
}
