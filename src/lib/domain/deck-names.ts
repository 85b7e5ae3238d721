/**
 * Deck names as paths: `Parent::Child`, as in Anki. A deck's subdecks are the decks whose name
 * starts with its name and `::`, so renaming a deck renames (moves) its whole subtree, and
 * renaming to a `::` path nests it under another deck.
 */

/** The name cannot be used; the message is one sentence for the form. */
export class DeckNameError extends Error {
	override name = 'DeckNameError';
}

export const DECK_SEPARATOR = '::';

/** The name with each part trimmed (`A :: B` is `A::B`); throws for an empty name or part. */
export function normaliseDeckName(name: string): string {
	const parts = name.split(DECK_SEPARATOR).map((part) => part.trim());
	if (parts.every((part) => part === '')) {
		throw new DeckNameError('A deck needs a name.');
	}
	if (parts.some((part) => part === '')) {
		throw new DeckNameError('A deck name cannot have an empty part before or after “::”.');
	}
	return parts.join(DECK_SEPARATOR);
}

/** Whether `name` is `root` itself or one of its subdecks. */
export function inDeckTree(name: string, root: string): boolean {
	return name === root || name.startsWith(root + DECK_SEPARATOR);
}

/** A name in the tree at `from`, moved to the tree at `to` (`from::X` becomes `to::X`). */
export function movedDeckName(name: string, from: string, to: string): string {
	return to + name.slice(from.length);
}
