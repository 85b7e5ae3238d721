/**
 * A study session's lookahead (state/lookahead.ts) for the card on screen: made once that card is
 * shown, and kept until the card or the database changes. It does not wait for the answers
 * still being written: it plans as if they were stored (the kept heads already apply them), and
 * plans again once they are if it had to read what they change. What its plan read that the
 * answer's write needs is kept as soon as read (`answerNeeds`): a grade written as the page
 * leaves (grade-on-leave.ts) buries the same siblings.
 */
import type { CardRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import type { AnswerReads } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import type { StudyPlan } from '$lib/storage/queue';
import type { KeptQueue } from './kept-queue';
import { nextTask } from './after-paint';
import { lookAhead, readBeforeWrites, type Lookahead } from './lookahead';

/** The answer writes still to land, as the lookahead needs them (state/answer-writes.ts). */
interface PendingWrites {
	pendingCards(): Set<string>;
	drained(): Promise<boolean>;
}

/** A lookahead being made or made, for one card. */
interface Pending {
	forId: string;
	forMtime: number;
	generation: number;
	/**
	 * Resolves once its first plan is made: the card read and rendered. The last answer's write
	 * waits for it, since a read asked for after a write waits for that write to commit.
	 */
	made: Promise<void>;
	result: Promise<Lookahead | undefined>;
	/** What its plan read that the answer's write needs, once read. */
	needs: () => AnswerNeeds | undefined;
}

/** What an answer's write needs beyond the card and its preset, as the lookahead's plan read it. */
export interface AnswerNeeds {
	/** Every card of the card's note, when its preset buries siblings (`StudyPlan.cardsOfNote`). */
	cardsOfNote: CardRecord[] | undefined;
	/** The hour the study day starts: the siblings stay buried until the next one. */
	dayStartHour: number | undefined;
}

/** What the lookahead read that the answer's write needs; undefined when it lacks some. */
export function answerReads(
	card: CardRecord,
	preset: DeckPreset,
	plan: Pick<StudyPlan, 'cardsOfNote'>
): AnswerReads | undefined {
	const cardsOfNote = preset.burySiblings ? plan.cardsOfNote : undefined;
	return preset.burySiblings && !cardsOfNote ? undefined : { card, preset, cardsOfNote };
}

export class LookaheadRunner {
	#pending: Pending | undefined;

	constructor(
		private readonly db: EngramDB,
		private readonly kept: KeptQueue,
		private readonly writes: PendingWrites,
		private readonly clock: () => Date
	) {}

	/**
	 * Starts the lookahead for `card` (as stored now, at the session's count of database changes
	 * `generation`) in the task after this one, unless one is already made or under way (so the
	 * card just put on screen is in the DOM first; its reads then run while the frame that paints
	 * it waits for its vsync, not after it: at a grade every 35 ms, as in the bench, a lookahead
	 * started after the paint was often not ready for the next grade); resolves once
	 * its first plan is made (read and rendered), or failed.
	 */
	prepare(card: CardRecord, generation: number): Promise<void> {
		const pending = this.#pendingFor(card, generation);
		if (pending) {
			return pending.made;
		}
		const options = { ...this.kept.lookaheadOptions(), generation };
		let needs: AnswerNeeds | undefined;
		const plan = async () => {
			const scope = await this.kept.scope();
			const dayStartHour = await this.kept.dayStartHour();
			const writing = this.writes.pendingCards();
			const planned = (made: StudyPlan) => {
				// Not if it may have read a sibling before an answer's write (planned again then).
				if (!readBeforeWrites(made, writing)) {
					needs = { cardsOfNote: made.cardsOfNote, dayStartHour };
				}
			};
			const now = this.clock();
			const made = lookAhead(this.db, scope, card, now, { ...options, dayStartHour }, planned);
			return { ahead: await made, writing };
		};
		// A failed lookahead only means the next grade asks the queue.
		const first = nextTask()
			.then(plan)
			.catch(() => undefined);
		const result = first
			.then(async (made) => {
				if (!made || !readBeforeWrites(made.ahead.plan, made.writing)) {
					return made?.ahead;
				}
				return (await this.writes.drained()) ? (await plan()).ahead : undefined;
			})
			.catch(() => undefined);
		const forCard = { forId: card.id, forMtime: card.mtime, generation };
		const made = first.then(() => undefined);
		this.#pending = { ...forCard, made, result, needs: () => needs };
		return made;
	}

	/**
	 * What the plan for `card` (as stored now, at the count of database changes `generation`) read
	 * that its answer's write needs: undefined until read, or when made for another card or before
	 * a change.
	 */
	answerNeeds(card: CardRecord, generation: number): AnswerNeeds | undefined {
		return this.#pendingFor(card, generation)?.needs();
	}

	/** The lookahead made or under way for `card` as stored now, at `generation`. */
	#pendingFor(card: CardRecord, generation: number): Pending | undefined {
		const pending = this.#pending;
		const current =
			pending?.forId === card.id &&
			pending.forMtime === card.mtime &&
			pending.generation === generation;
		return current ? pending : undefined;
	}

	/** The lookahead made (or being made) for `card`; undefined when there is none for it. */
	async for(card: CardRecord): Promise<Lookahead | undefined> {
		const pending = this.#pending;
		return pending?.forId === card.id ? pending.result : undefined;
	}
}
