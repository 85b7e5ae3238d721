/** The words of the delete-deck confirmation: what goes with the deck, and what stays. */
import { counted as count } from '$lib/domain/counted';
import type { DeckDeletionSize } from '$lib/storage/deck-delete';

export function deleteDeckQuestion({ name, subdecks, notes, cards }: DeckDeletionSize): string {
	const what = subdecks > 0 ? `“${name}” and its ${count(subdecks, 'subdeck')}` : `“${name}”`;
	const holds = subdecks > 0 ? 'They hold' : 'It holds';
	return (
		`Delete ${what}? ${holds} ${count(notes, 'note')} and ${count(cards, 'card')}, which are ` +
		'deleted with it; their review history is kept. You can undo this from Today.'
	);
}
