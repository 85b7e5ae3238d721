/**
 * What the daily study session shows, and the lookahead that makes grading instant: the queue's
 * next card read and shown (kept-queue.ts keeps what is read of the queue between answers), and,
 * while a card is on screen, the card after it planned and rendered (lookahead-runner.ts), so an
 * answer only swaps what is shown (session-answers.svelte.ts). Database changes void the
 * lookahead; those made elsewhere (another tab, an edit) also void what is kept of the queue. A
 * finished session wakes when a learning card's step comes due. The answers' queued writes
 * (answer-writes.ts) live here too: the lookahead plans as if they were stored.
 */
import type { CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import { loadCardView, getCard } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { onTablesChanged } from '$lib/storage/observe';
import { resumeMark, type ResumeMark } from '$lib/storage/resume-card';
import { requestPersistence, type PersistentStorage } from '$lib/storage/persistence';
import { LEARN_AHEAD_MS, nextDueAt, presetInScope } from '$lib/storage/queue';
import { afterPaint } from './after-paint';
import type { Answered } from './answer-put-back';
import { AnswerWrites, type QueuedAnswer } from './answer-writes';
import { DueWake, timeout, type Schedule } from './due-wake';
import { KeptQueue } from './kept-queue';
import { headsAfter, type Lookahead } from './lookahead';
import { LookaheadRunner } from './lookahead-runner';
import { StudyScreen } from './study-screen.svelte';
import { timed } from './timing';

export type Clock = () => Date;

const systemClock: Clock = () => new Date();

function browserStorage(): PersistentStorage | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** The tables whose changes can change what the queue shows next or how a card looks. */
const WATCHED_TABLES = [
	'cards',
	'reviews',
	'notes',
	'noteTypes',
	'decks',
	'presets',
	'limitExtensions'
] as const;

export abstract class SessionLookahead extends StudyScreen {
	/** The queue's state kept between answers (progress, tallies, heads, learning count, scope). */
	protected readonly kept: KeptQueue;
	/** The card after the one on screen, planned while it is on screen. */
	protected readonly lookahead: LookaheadRunner;
	/** The answers shown as given whose writes are still to land, in order. */
	protected readonly writes: AnswerWrites<Answered>;
	/** Counts database changes: a lookahead read before the latest one is out of date. */
	protected generation = 0;
	/** Shows a learning card by itself once its step comes due later today, when finished. */
	#wake: DueWake;
	/** Each card view's preset as shown: a grade kept on leave is computed with it. */
	#presets = new WeakMap<CardView, DeckPreset>();
	/** The card last shown from a plan, until the action that showed it is done. */
	#planned:
		{ view: CardView; validUntil: number; mark: ResumeMark; generation: number } | undefined;
	/** The first load, started before the screen mounted (`preload`): true once it ran. */
	#early: { done: Promise<boolean>; stale: () => boolean } | undefined;

	constructor(
		db: EngramDB,
		readonly deckId: string,
		protected readonly clock: Clock = systemClock,
		/** The hour the study day starts; undefined reads the collection's setting. */
		dayStartHour?: number,
		private readonly storage: () => PersistentStorage | undefined = browserStorage,
		/** Resolves once the next card shown is painted; true when the page is leaving instead. */
		protected readonly painted: () => Promise<boolean> = afterPaint,
		schedule: Schedule = timeout
	) {
		super(db);
		this.#wake = new DueWake(clock, schedule, () => {
			if (this.finished && !this.running) {
				void this.load();
			}
		});
		this.kept = new KeptQueue(db, deckId, dayStartHour);
		this.writes = new AnswerWrites(db, {
			stored: () => (this.answeredCount += 1),
			stale: (answer, error) =>
				void this.enqueue(async () => this.answeredElsewhere(answer, error)),
			failed: (answer, error) => this.putBack(answer, error)
		});
		this.lookahead = new LookaheadRunner(db, this.kept, this.writes, clock);
	}

	/** A queued answer's card had been answered in another tab (session-answers.svelte.ts). */
	protected abstract answeredElsewhere(answer: QueuedAnswer<Answered>, error: unknown): void;

	/** A queued answer's write failed: its card goes back on screen (session-answers.svelte.ts). */
	protected abstract putBack(answer: QueuedAnswer<Answered>, error: unknown): void;

	/**
	 * Follows database changes; returns a stop. Any change voids the lookahead (the next card may
	 * have changed); one made elsewhere (not by an action of this session) also voids what the
	 * session keeps of the queue, so it is read again, and the lookahead is made again. A
	 * finished session also wakes when a learning card's step comes due (`#wake`).
	 */
	watchChanges(): () => void {
		const stopWake = this.#wake.watch();
		const stop = onTablesChanged(this.db, WATCHED_TABLES, (change) => {
			if (this.writes.madeChange(change)) {
				return; // An answer the screen already shows as given, and the lookahead counts in.
			}
			this.generation += 1;
			if (!this.running) {
				this.kept.forgetScope();
				queueMicrotask(() => void this.prepareNext());
			}
		});
		return () => {
			stopWake();
			stop();
		};
	}

	/**
	 * Starts the first load as soon as `readable` resolves, before the screen mounts and asks for
	 * it: on a cold start the study route calls it, so the first card's reads run beside the rest
	 * of the collection's open and the app's boot. The screen's `load` then takes it over, unless
	 * `stale()` says the open wrote records those reads may have missed (a first start).
	 */
	preload(readable: Promise<void>, stale: () => boolean): void {
		const done = readable.then(
			async () => {
				await this.#load();
				return true;
			},
			() => false
		);
		this.#early = { done, stale };
	}

	/** Reads the queue afresh and shows its next card (or takes over the `preload`). */
	async load(): Promise<void> {
		const early = this.#early;
		this.#early = undefined;
		if (early && (await early.done) && !early.stale()) {
			return;
		}
		await this.#load();
	}

	#load(): Promise<void> {
		const reload = async () => {
			this.kept.reload();
			await this.loadNext();
		};
		return timed('study-load', () => this.enqueue(() => this.run(reload, reload)));
	}

	/** Asks the queue for the next card and shows it: the way when no lookahead holds. */
	protected async loadNext(answeredNow = false): Promise<void> {
		const now = this.clock();
		const mark = resumeMark();
		// The deck's scope does not depend on the buries: both reads at once.
		await Promise.all([this.kept.unburyOncePerDay(now), this.kept.scope()]);
		const plan = await this.kept.plan(now);
		this.remaining = this.kept.withLearning(plan.counts, plan.day);
		if (plan.card) {
			this.#wake.set(undefined);
			await this.show(plan.card, now);
			this.#planShown(plan.validUntil, mark);
			return;
		}
		this.view = undefined;
		this.intervals = undefined;
		this.revealed = false;
		this.finished = true;
		const dayStartHour = await this.kept.dayStartHour();
		this.nextDue = (await nextDueAt(this.db, this.deckId, now, dayStartHour))?.getTime();
		// Only a learning step due before the day ends is woken for (the queue shows it this far
		// ahead); a new day's cards wait for the screen to be opened again.
		const next = this.nextDue;
		const learningToday = next !== undefined && next < plan.day.end.getTime();
		this.#wake.set(learningToday ? next - LEARN_AHEAD_MS : undefined);
		if (this.answeredCount > 0 || answeredNow) {
			// The first finished session is when keeping the data starts to matter.
			await requestPersistence(this.db, this.storage(), now);
		}
	}

	protected async show(card: CardRecord, now: Date, keepRevealed = false): Promise<void> {
		const view = await timed('card-view', () => loadCardView(this.db, card));
		await this.#present(view, now, keepRevealed);
	}

	/** Puts `view` on screen with its grade buttons' intervals: no read but the (kept) scope. */
	async #present(view: CardView, now: Date, keepRevealed = false): Promise<void> {
		const scope = await this.kept.scope();
		const preset = presetInScope(scope, view.card.deckId);
		this.present(view, preset, now, keepRevealed);
		// Keyed by the view as `this.view` gives it back (in the browser, Svelte's proxy of it).
		this.#presets.set(this.view!, preset);
	}

	/** The preset `view` was shown under; undefined for a view no longer shown by this session. */
	protected presetShown(view: CardView): DeckPreset | undefined {
		return this.#presets.get(view);
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	protected async reshow(): Promise<void> {
		this.kept.forgetHeads();
		const id = this.view?.card.id;
		const card = id ? await getCard(this.db, id) : undefined;
		if (card && (card.queue === 'new' || card.queue === 'learning' || card.queue === 'review')) {
			await this.show(card, this.clock(), true);
		} else {
			// The edit removed this card (a cloze number deleted): go on with the next one.
			await this.loadNext();
		}
	}

	/** Starts the lookahead for the card on screen (lookahead-runner.ts); resolves once it reads. */
	protected prepareNext(): Promise<unknown> {
		const card = this.view?.card;
		return card && !this.finished
			? this.lookahead.prepare(card, this.generation)
			: Promise.resolve();
	}

	/**
	 * Shows the lookahead's card as the one after the shown card's answer (`answered`, as it will
	 * be stored), moving `learning`.
	 */
	protected async showLookahead(
		ahead: Lookahead,
		answered: CardRecord,
		learning: number,
		now: Date
	): Promise<void> {
		const { plan } = ahead;
		this.remaining = this.kept.withLearning(plan.counts, plan.day, learning);
		this.kept.keep(plan, headsAfter(plan.heads, answered, plan.day));
		const mark = resumeMark();
		await this.#present(ahead.view!, now);
		// The answered card is not in the plan: a learning step brings it back first when due.
		const back = answered.queue === 'learning' ? answered.due.getTime() : Infinity;
		this.#planShown(Math.min(plan.validUntil, back), mark);
	}

	/** The card just shown from a plan: offered for the resume snapshot once the action is done. */
	#planShown(validUntil: number, mark: ResumeMark): void {
		this.resumable = undefined;
		const view = this.view;
		this.#planned = view && { view, validUntil, mark, generation: this.generation };
	}

	/**
	 * Offers the card shown from a plan, the queue's head, for the resume snapshot the next cold
	 * start paints (StudyCard keeps it; storage/resume-card.ts): once the answers' writes queued
	 * by the action landed, so the head as stored is this card, and only if no change from
	 * elsewhere came since it was planned.
	 */
	#offerResume(): void {
		const planned = this.#planned;
		this.#planned = undefined;
		if (!planned) {
			return;
		}
		void this.writes.drained().then((landed) => {
			const { view, validUntil, mark, generation } = planned;
			if (landed && this.view === view && this.generation === generation) {
				this.resumable = { view, deckId: this.deckId, validUntil, mark };
			}
		});
	}

	/**
	 * Counts today's learning cards when the counts on screen lack them, once the action that
	 * showed them is done: the count never holds back the reads of the card being shown.
	 */
	#countLearningSoon(): void {
		if (this.remaining?.learning === undefined) {
			this.kept.countLearningSoon(this.clock(), (learning) => {
				this.remaining = this.remaining && { ...this.remaining, learning };
			});
		}
	}

	protected afterAction(): void {
		void this.prepareNext();
		this.#countLearningSoon();
		this.#offerResume();
	}

	protected writesLanded(): Promise<boolean> {
		return this.writes.drained();
	}
}
