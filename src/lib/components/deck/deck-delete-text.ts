/** The words of the delete-deck confirmation: what goes with the deck, and what stays. */
import { counted as count } from '$lib/domain/counted';
import type { DeckDeletionSize } from '$lib/storage/deck-delete';

export function deleteDeckQuestion(size: DeckDeletionSize): string {
	const { name, subdecks, notes, cards, moved } = size;
	const what = subdecks > 0 ? `“${name}” and its ${count(subdecks, 'subdeck')}` : `“${name}”`;
	const holds = subdecks > 0 ? 'They hold' : 'It holds';
	// Notes with cards in other decks stay: said, so the final message's count is no surprise.
	const verb = moved === 1 ? 'stays' : 'stay';
	const stay =
		moved > 0 ? ` ${count(moved, 'other note')} with cards in other decks ${verb} there.` : '';
	return (
		`Delete ${what}? ${holds} ${count(notes, 'note')} and ${count(cards, 'card')}, which are ` +
		`deleted with it; their review history is kept.${stay} You can undo this from Today.`
	);
}
