/**
 * The card after the one on screen, planned and rendered while the user still looks at the
 * current card, so that grading only swaps what is shown. It is the queue's answer for after the
 * current card's answer, whatever the grade, and it knows when it stops being that answer.
 */
import type { CardView } from '$lib/domain/card-view';
import { referencedMedia } from '$lib/domain/import/media-names';
import type { CardRecord } from '$lib/domain/model';
import { loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { mediaUrls } from '$lib/storage/media';
import { withAnswered, type QueueHeads } from '$lib/domain/queue-heads';
import type { StudyDay } from '$lib/domain/study-day';
import { planNext, type StudyPlan, type StudyScope, type PlanOptions } from '$lib/storage/queue';
import { timed } from './timing';

export interface Lookahead {
	/** The card on screen it was made for: its id and its stored `mtime` then. */
	forId: string;
	forMtime: number;
	/** The session's count of database changes when it was read; any later change voids it. */
	generation: number;
	plan: StudyPlan;
	/** The next card rendered, undefined when the plan has none. */
	view: CardView | undefined;
}

/**
 * Plans the card after `shown` is answered and renders it, with its media's object URLs made
 * (cached by `mediaUrls`), so showing it needs no read. `planned` hears of the plan as soon as
 * it is read, before the render.
 */
export async function lookAhead(
	db: EngramDB,
	scope: StudyScope,
	shown: CardRecord,
	now: Date,
	options: Omit<PlanOptions, 'answering'> & { generation: number },
	planned: (plan: StudyPlan) => void = () => {}
): Promise<Lookahead> {
	const plan = await timed('next-card', () =>
		planNext(db, scope, now, { ...options, answering: shown })
	);
	planned(plan);
	const card = plan.card;
	const view = card ? await timed('card-view', () => loadCardView(db, card)) : undefined;
	if (view) {
		await mediaUrls(db, referencedMedia(`${view.front}${view.back}`));
	}
	return { forId: shown.id, forMtime: shown.mtime, generation: options.generation, plan, view };
}

/**
 * Whether `ahead`, made for `shown`, is still what the queue gives at `now` once `shown` is
 * answered as `answered`: nothing changed since, no learning card fell due since, and the
 * answered card itself cannot come first (a learning step due at once, or before the learn-ahead
 * card planned, or a review due again today). Otherwise the caller asks the queue.
 */
export function holdsAfter(
	ahead: Lookahead,
	shown: CardRecord,
	answered: CardRecord,
	now: Date,
	generation: number
): boolean {
	const { plan } = ahead;
	const time = now.getTime();
	const due = answered.due.getTime();
	if (ahead.forId !== shown.id || ahead.forMtime !== shown.mtime) {
		return false;
	}
	if (ahead.generation !== generation || !ahead.view || time >= plan.validUntil) {
		return false;
	}
	if (answered.queue === 'learning') {
		// A learn-ahead card is the earliest learning card: the answered one must come after it.
		return due > time && (plan.source !== 'ahead' || due > plan.card!.due.getTime());
	}
	return answered.queue !== 'review' || due > plan.day.end.getTime();
}

/**
 * The queue heads a plan made before `answered`'s answer left (the card and the siblings it
 * buries taken out), with the card put back into the range its answer stores it in, if any:
 * the learning cards, or today's reviews.
 */
export function headsAfter(heads: QueueHeads, answered: CardRecord, day: StudyDay): QueueHeads {
	if (answered.queue === 'learning') {
		return withAnswered(heads, 'learning', answered);
	}
	if (answered.queue === 'review' && answered.due.getTime() <= day.end.getTime()) {
		return withAnswered(heads, 'review', answered);
	}
	return heads;
}

/**
 * Whether `plan`, read while the writes of the cards `writing` were under way, may have read
 * storage without them: it read a queue range or count (not only the kept heads and tallies,
 * which already apply those answers), or the cards of a note one of them belongs to.
 */
export function readBeforeWrites(plan: StudyPlan, writing: ReadonlySet<string>): boolean {
	return (
		writing.size > 0 &&
		(plan.readStored || (plan.cardsOfNote ?? []).some((card) => writing.has(card.id)))
	);
}
