/**
 * A study session's lookahead (state/lookahead.ts) for the card on screen: made once that card is
 * painted, and kept until the card or the database changes. It does not wait for the answers
 * still being written: it plans as if they were stored (the kept heads already apply them), and
 * plans again once they are if it had to read what they change.
 */
import type { CardRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import type { AnswerReads } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import type { StudyPlan } from '$lib/storage/queue';
import type { KeptQueue } from './kept-queue';
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
	/** Resolves once its read transaction is asked for: the last answer's write comes after it. */
	reading: Promise<void>;
	result: Promise<Lookahead | undefined>;
}

/** What the lookahead read that the answer's write needs; undefined when it lacks some. */
export function answerReads(
	card: CardRecord,
	preset: DeckPreset,
	plan: StudyPlan
): AnswerReads | undefined {
	const cardsOfNote = preset.burySiblings ? plan.cardsOfNote : undefined;
	return preset.burySiblings && !cardsOfNote ? undefined : { card, preset, cardsOfNote };
}

export class LookaheadRunner {
	#pending: Pending | undefined;
	/** Resolves once the card on screen is painted: the lookahead's reads wait for that frame. */
	painted: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly db: EngramDB,
		private readonly kept: KeptQueue,
		private readonly writes: PendingWrites,
		private readonly clock: () => Date
	) {}

	/**
	 * Starts the lookahead for `card` (as stored now, at the session's count of database changes
	 * `generation`) once it is painted, unless one is already made or under way; resolves once
	 * its read transaction is asked for.
	 */
	prepare(card: CardRecord, generation: number): Promise<void> {
		const pending = this.#pending;
		if (
			pending?.forId === card.id &&
			pending.forMtime === card.mtime &&
			pending.generation === generation
		) {
			return pending.reading;
		}
		const options = { ...this.kept.lookaheadOptions(), generation };
		let read: () => void = () => {};
		const reading = new Promise<void>((resolve) => (read = resolve));
		const plan = async () => {
			const scope = await this.kept.scope();
			const dayStartHour = await this.kept.dayStartHour();
			const writing = this.writes.pendingCards();
			const made = lookAhead(this.db, scope, card, this.clock(), { ...options, dayStartHour });
			read(); // Its transaction is asked for: IndexedDB runs it before a write asked for later.
			return { ahead: await made, writing };
		};
		// A failed lookahead only means the next grade asks the queue.
		const first = this.painted
			.then(plan)
			.catch(() => undefined)
			.finally(read);
		const result = first
			.then(async (made) => {
				if (!made || !readBeforeWrites(made.ahead, made.writing)) {
					return made?.ahead;
				}
				return (await this.writes.drained()) ? (await plan()).ahead : undefined;
			})
			.catch(() => undefined);
		this.#pending = { forId: card.id, forMtime: card.mtime, generation, reading, result };
		return reading;
	}

	/** The lookahead made (or being made) for `card`; undefined when there is none for it. */
	async for(card: CardRecord): Promise<Lookahead | undefined> {
		const pending = this.#pending;
		return pending?.forId === card.id ? pending.result : undefined;
	}
}
