/**
 * What a study session keeps of the queue between answers, so that planning the next card reads
 * as little as it can: the day-start hour and the deck's scope (read once), the study day whose
 * expired buries were lifted, the day's progress, the tallies and queue heads the last plan left,
 * and today's learning count. A change that is not one of the session's own answers drops them
 * (`forget`), and the next plan reads them again.
 */
import { progressAfter, type DayProgress } from '$lib/domain/queue-policy';
import type { State } from '$lib/domain/scheduler';
import { studyDay, type StudyDay } from '$lib/domain/study-day';
import { unburyExpired } from '$lib/storage/card-actions';
import type { EngramDB } from '$lib/storage/db';
import {
	countLearningDue,
	planNext,
	studyScope,
	type PlanCounts,
	type PlanOptions,
	type QueueHeads,
	type QueueTallies,
	type StudyPlan,
	type StudyScope
} from '$lib/storage/queue';
import { getDayStartHour } from '$lib/storage/study-settings';
import { LEARNING_COUNT_BOUND, LearningDue } from './learning-due';
import { timed } from './timing';

/** The day's progress as the session keeps it, with the study day (its start, ms) it is for. */
interface KeptProgress {
	dayStart: number;
	value: DayProgress;
}

/** What a plan left for the next one. */
interface KeptPlan {
	progress: KeptProgress | undefined;
	tallies: QueueTallies | undefined;
	heads: QueueHeads | undefined;
}

export class KeptQueue {
	#dayStartHour: number | undefined;
	#scope: StudyScope | undefined;
	/** The study day (its start, ms) whose expired buries were already lifted. */
	#unburiedDay: number | undefined;
	#plan: KeptPlan = { progress: undefined, tallies: undefined, heads: undefined };
	/** Today's learning cards due, counted once and then moved by each answer. */
	readonly learning = new LearningDue();

	constructor(
		private readonly db: EngramDB,
		private readonly deckId: string,
		/** The hour the study day starts; undefined reads the collection's setting. */
		private readonly fixedDayStartHour?: number
	) {}

	/** The day-start hour, read once (again after `reload`), not on every card. */
	async dayStartHour(): Promise<number> {
		return (this.#dayStartHour ??= this.fixedDayStartHour ?? (await getDayStartHour(this.db)));
	}

	/** The deck, its subdecks and their presets: read once, again after decks or presets change. */
	async scope(): Promise<StudyScope> {
		return (this.#scope ??= await studyScope(this.db, this.deckId));
	}

	/** Once per study day, not per card: it reads every buried card in the collection. */
	async unburyOncePerDay(now: Date): Promise<void> {
		if (this.#unburiedDay === undefined) {
			// The session's first: the day-start hour (which names the day) is read beside the
			// buried cards, not before them: one round trip fewer before a cold start's first card.
			const [hour] = await Promise.all([
				this.dayStartHour(),
				timed('unbury', () => unburyExpired(this.db, now))
			]);
			this.#unburiedDay = studyDay(now, hour).start.getTime();
			return;
		}
		const day = studyDay(now, await this.dayStartHour()).start.getTime();
		if (this.#unburiedDay !== day) {
			await timed('unbury', () => unburyExpired(this.db, now));
			this.#unburiedDay = day;
		}
	}

	/** Asks the queue for the next card with the kept progress (queue ranges read afresh). */
	async plan(now: Date): Promise<StudyPlan> {
		const [scope, dayStartHour] = [await this.scope(), await this.dayStartHour()];
		const plan = await timed('next-card', () =>
			planNext(this.db, scope, now, {
				dayStartHour,
				progress: this.#plan.progress,
				learning: 'skip',
				heads: 'keep'
			})
		);
		this.keep(plan);
		return plan;
	}

	/** The options a lookahead plans with: everything kept, moved by the answer it plans after. */
	lookaheadOptions(): Omit<PlanOptions, 'answering' | 'dayStartHour'> {
		const { progress, tallies, heads } = this.#plan;
		return { progress, tallies, heads: heads ?? 'keep', learning: 'skip' };
	}

	/** What the next plan starts from: `plan`'s day progress, tallies and (given) queue heads. */
	keep(plan: StudyPlan, heads: QueueHeads = plan.heads): void {
		const progress = { dayStart: plan.day.start.getTime(), value: plan.progress };
		this.#plan = { progress, tallies: plan.tallies, heads };
	}

	/** An answer to a card in `state` is written (1) or undone (-1): the day's progress moves. */
	moveProgress(state: State, step: 1 | -1): void {
		const kept = this.#plan.progress;
		this.#plan.progress = kept && { ...kept, value: progressAfter(kept.value, state, step) };
	}

	/** An edit or a flag changed cards the kept heads may hold: they are read again. */
	forgetHeads(): void {
		this.#plan = { ...this.#plan, heads: undefined };
	}

	/** Something this session did not do changed the queue: the progress, queue and count go. */
	forget(): void {
		this.#plan = { progress: undefined, tallies: undefined, heads: undefined };
		this.learning.forget();
	}

	/** Decks or presets may have changed too: the scope is read again as well. */
	forgetScope(): void {
		this.forget();
		this.#scope = undefined;
	}

	/** A (re)load reads everything again but the buries lifted today. */
	reload(): void {
		this.forgetScope();
		this.#dayStartHour = undefined;
	}

	/**
	 * `counts` with today's learning count as kept (`moving` it by an answer not yet written);
	 * its `learning` is undefined until counted (see `countLearningSoon`).
	 */
	withLearning(counts: PlanCounts, day: StudyDay, moving = 0): PlanCounts {
		return { ...counts, learning: this.learning.valueFor(day.start.getTime(), moving) };
	}

	/**
	 * Counts today's learning cards (unless known or under way) once the reads of the card being
	 * shown are done; `onCounted` gets the count. Needs the scope and day-start hour read already.
	 */
	countLearningSoon(now: Date, onCounted: (learning: number | undefined) => void): void {
		const scope = this.#scope;
		const hour = this.#dayStartHour;
		if (!scope || hour === undefined) {
			return;
		}
		const day = studyDay(now, hour);
		const dayStart = day.start.getTime();
		this.learning.ensure(
			dayStart,
			() =>
				timed('learning-count', () => countLearningDue(this.db, scope, day, LEARNING_COUNT_BOUND)),
			() => onCounted(this.learning.valueFor(dayStart))
		);
	}
}
