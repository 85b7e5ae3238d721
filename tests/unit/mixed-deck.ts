/**
 * A deck for study-session tests whose queues hold every kind of card: reviews due today and
 * earlier, new cards, and cloze notes whose answers bury siblings.
 */
import type { DeckPreset } from '$lib/domain/preset';
import { queueForState } from '$lib/domain/queue-policy';
import { State } from '$lib/domain/scheduler';
import { addNote } from '$lib/storage/notes';
import { bundledDeck, freshDb, NOW } from './helpers';
import { cardsInDeck } from '$lib/storage/deck-rows';

const DAY = 86_400_000;

/**
 * The bundled deck with every other card turned into a review due today or earlier, and twelve
 * new cloze notes of four cards each added, so that answering a card often buries three siblings:
 * more than TALLY_SLACK soon, whatever the limits.
 */
export async function mixedDeck(preset: Partial<DeckPreset>) {
	const { seedDeck } = await import('$lib/storage/seed');
	const db = freshDb();
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	const stored = await db.decks.get(deck.id);
	await db.presets.update(stored!.presetId, { ...preset, burySiblings: true });
	const ids = (await cardsInDeck(db, deck.id).primaryKeys()).sort();
	for (let i = 0; i < 12; i += 1) {
		const Text = `Note ${i}: {{c1::one}} {{c2::two}} {{c3::three}} {{c4::four}}`;
		const { note } = await addNote(
			db,
			{ deckId: deck.id, noteTypeId: 'cloze', fields: { Text, Extra: '' } },
			NOW
		);
		// First in the new-card order, so the session meets them early.
		await db.cards
			.where('noteId')
			.equals(note.id)
			.modify((card) => {
				card.position -= 100_000;
			});
	}
	await db.transaction('rw', db.cards, async () => {
		for (const [i, id] of ids.entries()) {
			if (i % 2 === 0) {
				await db.cards.update(id, {
					state: State.Review,
					queue: queueForState(State.Review),
					due: new Date(NOW.getTime() - (i % 3) * DAY),
					stability: 10,
					difficulty: 5,
					reps: 3,
					scheduled_days: 10,
					last_review: new Date(NOW.getTime() - 10 * DAY)
				});
			}
		}
	});
	return { db, deckId: deck.id, cards: ids.length };
}
