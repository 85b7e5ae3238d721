/**
 * What is left in a filtered session, worked out from its card list and the answers given since
 * it was built; nothing about the session is written on each answer. With rescheduling on, an
 * answered card stays while its answer left it learning (its next step comes back, as in a
 * filtered deck); with it off (preview), a card answered Again comes back after the others.
 */
import type { CardRecord } from '../model';
import { hashToUnit } from '../queue-policy';
import type { FilteredDeckRecord, FilteredOrder } from './filtered';

/** The cards in the order the session shows them; `added` keeps the search's (creation) order. */
export function studyOrder(
	cards: readonly CardRecord[],
	order: FilteredOrder,
	seed: string
): CardRecord[] {
	const keyed = cards.map((card, index) => ({ card, index }));
	const key = (card: CardRecord): number => {
		switch (order) {
			case 'random':
				return hashToUnit(`${seed}:${card.id}`);
			case 'due':
				return card.due.getTime();
			case 'oldest-seen':
				return card.last_review?.getTime() ?? 0;
			case 'added':
				return 0;
		}
	};
	return keyed
		.sort((a, b) => key(a.card) - key(b.card) || a.index - b.index)
		.map(({ card }) => card);
}

/** A card a filtered session may show: not suspended nor buried (Anki leaves those out too). */
export function studyable(card: CardRecord | undefined): card is CardRecord {
	return card !== undefined && card.queue !== 'suspended' && card.queue !== 'buried';
}

export interface SessionQueue {
	/** The cards to show now, in order. */
	ready: CardRecord[];
	/** Learning cards answered in the session whose next step is not due yet. */
	waiting: CardRecord[];
}

/**
 * The session's cards still to study at `now`. `answered` holds, per card, whether its latest
 * answer since the build was Again (only previews read it); `aheadMs` shows a learning step
 * that soon rather than making the user wait (the daily queue's learn-ahead).
 */
export function sessionQueue(
	deck: Pick<FilteredDeckRecord, 'cardIds' | 'reschedule'>,
	cards: ReadonlyMap<string, CardRecord>,
	answered: ReadonlyMap<string, { again: boolean }>,
	now: Date,
	aheadMs: number
): SessionQueue {
	const fresh: CardRecord[] = [];
	const again: CardRecord[] = [];
	const learning: CardRecord[] = [];
	for (const id of deck.cardIds) {
		const card = cards.get(id);
		if (!studyable(card)) {
			continue;
		}
		const answer = answered.get(id);
		if (!answer) {
			fresh.push(card);
		} else if (deck.reschedule && card.queue === 'learning') {
			learning.push(card);
		} else if (!deck.reschedule && answer.again) {
			again.push(card);
		}
	}
	learning.sort((a, b) => a.due.getTime() - b.due.getTime());
	const dueBy = now.getTime() + aheadMs;
	const dueNow = learning.filter((card) => card.due.getTime() <= now.getTime());
	const soon = learning.filter((card) => card.due.getTime() > now.getTime());
	const ready = [...dueNow, ...fresh, ...again];
	if (ready.length === 0) {
		ready.push(...soon.filter((card) => card.due.getTime() <= dueBy));
	}
	return { ready, waiting: soon.filter((card) => !ready.includes(card)) };
}

/** The session's counts as the study screen shows them, by each card's queue. */
export function queueCounts(queue: SessionQueue): {
	new: number;
	learning: number;
	review: number;
} {
	const all = [...queue.ready, ...queue.waiting];
	const count = (q: string) => all.filter((card) => card.queue === q).length;
	return { new: count('new'), learning: count('learning'), review: count('review') };
}

/** How a session stands: cards left, cards answered since the build, cards gone since. */
export interface SessionProgress {
	left: number;
	answered: number;
	/** Chosen at the build, unanswered, and now deleted, suspended or buried (elsewhere). */
	gone: number;
}

export function sessionProgress(
	deck: Pick<FilteredDeckRecord, 'cardIds'>,
	cards: ReadonlyMap<string, CardRecord>,
	answered: ReadonlyMap<string, unknown>,
	queue: SessionQueue
): SessionProgress {
	const done = deck.cardIds.filter((id) => answered.has(id));
	const gone = deck.cardIds.filter((id) => !answered.has(id) && !studyable(cards.get(id)));
	return {
		left: queue.ready.length + queue.waiting.length,
		answered: done.length,
		gone: gone.length
	};
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Why an empty session is empty, in one sentence for Today and its end screen (Anki's filtered
 * deck stays in the list with nothing due); undefined while cards are left.
 */
export function emptySessionText({ left, answered, gone }: SessionProgress): string | undefined {
	if (left > 0) {
		return undefined;
	}
	const elsewhere = 'deleted, suspended or buried since it was built';
	if (gone === 0) {
		if (answered === 0) {
			return 'No cards left.';
		}
		return answered === 1 ? 'Its one card was answered.' : `All ${answered} cards answered.`;
	}
	if (answered === 0) {
		return gone === 1
			? `Its only card was ${elsewhere}.`
			: `None of its cards are left: all ${gone} were ${elsewhere}.`;
	}
	return `${plural(answered, 'card')} answered; the other ${gone} ${gone === 1 ? 'was' : 'were'} ${elsewhere}.`;
}
