/**
 * The first cards of each queue index range a study session has read, kept from one plan to the
 * next so that planning the card after an answer reads no queue at all, only what the answer
 * changes: at 100,000 cards each index read costs more (a deeper database), and three or four of
 * them per card were most of what planning cost. A kept head is a true prefix of its range as
 * long as every change to the range is applied to it: the cards an answer takes out are removed,
 * and the answered card is put back where its new due date sorts. Anything else that changes
 * cards makes the session drop the heads, and the next plan reads them again.
 */
import type { CardRecord } from './model';

/** Cards read per range at once: a read every dozen answers or so, not every answer. */
export const HEAD_SIZE = 16;

/** The first cards of one range in index order; `complete` when the range holds no more. */
export interface Head {
	cards: CardRecord[];
	complete: boolean;
}

/** The heads of the study day starting at `dayStart` (ms), by range (see `headKey`). */
export interface QueueHeads {
	dayStart: number;
	heads: Map<string, Head>;
}

/** The name of a range: a queue (and, for random new order, which side of the day's start). */
export function headKey(range: string, deckId: string): string {
	return `${range}\u0000${deckId}`;
}

/** The first card of the head not in `skipped`; undefined when the head must be read again. */
export function firstInHead(
	head: Head | undefined,
	skipped: ReadonlySet<string>
): { card: CardRecord | undefined } | undefined {
	const card = head?.cards.find((c) => !skipped.has(c.id));
	return head && (card || head.complete) ? { card } : undefined;
}

/** The heads without `ids` (the cards an answer takes out of today's queues). */
export function withoutCards(heads: QueueHeads, ids: ReadonlySet<string>): QueueHeads {
	const next = new Map<string, Head>();
	for (const [key, head] of heads.heads) {
		next.set(key, { ...head, cards: head.cards.filter((card) => !ids.has(card.id)) });
	}
	return { dayStart: heads.dayStart, heads: next };
}

/** Index order of [deckId+queue+due]: by due, then by id (the primary key). */
function beforeByDue(a: CardRecord, b: CardRecord): boolean {
	const da = a.due.getTime();
	const db = b.due.getTime();
	return da < db || (da === db && a.id < b.id);
}

/**
 * The heads once `card` (as its answer stored it) is back in the due range `range` of its deck:
 * inserted in index order when it sorts within the known prefix, or when the head is the whole
 * range. A head not read yet stays unread.
 */
export function withAnswered(heads: QueueHeads, range: string, card: CardRecord): QueueHeads {
	const key = headKey(range, card.deckId);
	const head = heads.heads.get(key);
	if (!head) {
		return heads;
	}
	const at = head.cards.findIndex((other) => beforeByDue(card, other));
	if (at < 0 && !head.complete) {
		return heads; // It sorts after the known prefix: a later read finds it.
	}
	const cards = [...head.cards];
	cards.splice(at < 0 ? cards.length : at, 0, card);
	const next = new Map(heads.heads);
	next.set(key, { ...head, cards });
	return { dayStart: heads.dayStart, heads: next };
}
