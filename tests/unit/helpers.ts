import { readFileSync } from 'node:fs';
import { parseDeckJson, type DeckFile } from '$lib/domain/deck-file';
import { createEmptyCard } from 'ts-fsrs';
import type { CardRecord } from '$lib/domain/model';
import { queueForState } from '$lib/domain/queue-policy';
import { Rating, State, type Grade } from '$lib/domain/scheduler';
import type { AnswerInput } from '$lib/storage/answers';
import { EngramDB } from '$lib/storage/db';

let counter = 0;

/** A new, empty database with a unique name, so tests never share state. */
export function freshDb(): EngramDB {
	counter += 1;
	return new EngramDB(`engram-test-${counter}-${crypto.randomUUID()}`);
}

export function bundledDeck(): DeckFile {
	return parseDeckJson(
		readFileSync(new URL('../../decks/october-1917.json', import.meta.url), 'utf8')
	);
}

/** A fixed clock: 2026-03-10 09:00 local time. */
export const NOW = new Date(2026, 2, 10, 9, 0, 0);

/** A fresh database holding the bundled deck. */
export async function seededDb(now: Date = NOW) {
	const { seedDeck } = await import('$lib/storage/seed');
	const db = freshDb();
	const deck = bundledDeck();
	await seedDeck(db, deck, now);
	return { db, deckId: deck.id };
}

/**
 * A fresh database with defaults and one empty deck `deck-1` on the default preset. `beforeOpen`
 * runs before the database opens (Dexie middlewares must be registered then).
 */
export async function emptyDeckDb(now: Date = NOW, beforeOpen?: (db: EngramDB) => void) {
	const { ensureDefaults } = await import('$lib/storage/defaults');
	const db = freshDb();
	beforeOpen?.(db);
	await ensureDefaults(db);
	const time = now.getTime();
	await db.decks.add({
		id: 'deck-1',
		name: 'Test',
		description: '',
		presetId: 'default',
		createdAt: time,
		mtime: time
	});
	return { db, deckId: 'deck-1' };
}

/** A card record in `deckId` with the given FSRS state; `due` defaults to now. */
export function makeCard(
	deckId: string,
	index: number,
	overrides: Partial<CardRecord> = {},
	now: Date = NOW
): CardRecord {
	const state = overrides.state ?? State.New;
	const reviewed = state !== State.New;
	return {
		...createEmptyCard(now),
		...(reviewed
			? {
					stability: 10,
					difficulty: 5,
					reps: 3,
					scheduled_days: 10,
					last_review: new Date(now.getTime() - 10 * 86_400_000)
				}
			: {}),
		id: `${deckId}-card-${index}`,
		noteId: `${deckId}-note-${index}`,
		deckId,
		ord: 0,
		queue: queueForState(state),
		position: index,
		mtime: now.getTime(),
		...overrides
	};
}

/** Answers the card as it is now stored (as if just shown), at `now`. */
export async function answerShown(db: EngramDB, cardId: string, grade: Grade, now: Date) {
	const { answerCard } = await import('$lib/storage/answers');
	const card = await db.cards.get(cardId);
	if (!card) {
		throw new Error(`no card ${cardId}`);
	}
	return answerCard(db, answerInput(card, { grade, now }));
}

/**
 * An answer to `card` as it was shown (its id and mtime): Good, at NOW, after 1 ms on screen,
 * with `changes` on top.
 */
export function answerInput(
	card: Pick<CardRecord, 'id' | 'mtime'>,
	changes: Partial<AnswerInput> = {}
): AnswerInput {
	return {
		cardId: card.id,
		grade: Rating.Good,
		now: NOW,
		duration: 1,
		shownMtime: card.mtime,
		...changes
	};
}
