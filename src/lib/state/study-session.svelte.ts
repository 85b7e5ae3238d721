/**
 * One study session on one deck: the current card, whether its answer is shown, the grade
 * buttons' intervals, the counts still due, an undo stack of what was done in this session
 * (answers, and card actions kept as snapshots), and what went wrong if a write failed (with a
 * retry when retrying can help).
 *
 * Grading is instant: while a card is on screen the next one is already planned and rendered
 * (a `Lookahead`), so a grade shows it at once and the answer is written after that paint. Every
 * action runs in order in one queue, so an undo or the next grade waits for a write still under
 * way; a write that fails puts the answered card back on screen with the error and a retry. The
 * day's progress (new cards and reviews answered) is kept here between answers and read again
 * only when the database changes from elsewhere (another tab, an edit).
 */
import type { CardView } from '$lib/domain/card-view';
import { newId } from '$lib/domain/ids';
import { leechNotice } from '$lib/domain/leech';
import type { CardRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import { formatDueIn } from '$lib/domain/interval-format';
import { progressAfter, type DayProgress } from '$lib/domain/queue-policy';
import { studyDay } from '$lib/domain/study-day';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import {
	answerAtOnce,
	answerCard,
	answered,
	undoReview,
	type AnswerInput,
	type AnswerReads
} from '$lib/storage/answers';
import { flagCards, unburyExpired, type Flag } from '$lib/storage/card-actions';
import { getCard, loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { canRetry, classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { onTablesChanged } from '$lib/storage/observe';
import { requestPersistence, type PersistentStorage } from '$lib/storage/persistence';
import {
	countLearningDue,
	nextDueAt,
	planNext,
	presetInScope,
	studyScope,
	type PlanCounts,
	type QueueHeads,
	type QueueTallies,
	type StudyPlan,
	type StudyScope
} from '$lib/storage/queue';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';
import { getDayStartHour } from '$lib/storage/study-settings';
import type { StudyDay } from '$lib/domain/study-day';
import { LearningDue, learningDueDelta } from './learning-due';
import { headsAfter, holdsAfter, lookAhead, type Lookahead } from './lookahead';
import { afterPaint, onLeave } from './after-paint';
import { runCardAction, type CardAction } from './study-actions';
import { timed } from './timing';

export type Clock = () => Date;

const systemClock: Clock = () => new Date();

function browserStorage(): PersistentStorage | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Actions quicker than this never show the busy state (disabled buttons). */
const BUSY_AFTER_MS = 150;

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

export type { CardAction };

type UndoEntry =
	{ kind: 'answer'; reviewId: string } | { kind: 'action'; snapshot: CardSnapshot; cardId: string };

/** What the screen shows, kept to put it back when an answer already moved past fails to save. */
interface Screen {
	view: CardView | undefined;
	revealed: boolean;
	intervals: Record<Grade, string> | undefined;
	remaining: PlanCounts | undefined;
	answeredCount: number;
	undoStack: UndoEntry[];
	shownAt: number;
	progress: KeptProgress | undefined;
	tallies: QueueTallies | undefined;
	heads: QueueHeads | undefined;
}

/** The day's progress as the session keeps it, with the study day (its start, ms) it is for. */
interface KeptProgress {
	dayStart: number;
	value: DayProgress;
}

/** A lookahead being made or made, for the card on screen. */
interface Pending {
	forId: string;
	forMtime: number;
	generation: number;
	result: Promise<Lookahead | undefined>;
}

/** What the lookahead read that the answer's write needs; undefined when it lacks some. */
function answerReads(
	card: CardRecord,
	preset: DeckPreset,
	plan: StudyPlan
): AnswerReads | undefined {
	const cardsOfNote = preset.burySiblings ? plan.cardsOfNote : undefined;
	return preset.burySiblings && !cardsOfNote ? undefined : { card, preset, cardsOfNote };
}

export class StudySession {
	view = $state<CardView | undefined>(undefined);
	revealed = $state(false);
	intervals = $state<Record<Grade, string> | undefined>(undefined);
	finished = $state(false);
	/** When the next card becomes due (ms since epoch), once the session is finished. */
	nextDue = $state<number | undefined>(undefined);
	/**
	 * Cards still due today in this deck, for the counts above the card; `learning` is undefined
	 * for the moment it takes to count a large backlog after the deck opens.
	 */
	remaining = $state<PlanCounts | undefined>(undefined);
	answeredCount = $state(0);
	/** A failure the user must know about (nothing was saved). */
	error = $state<string | undefined>(undefined);
	/** Something that happened without loss: an action done, a card answered in another tab. */
	notice = $state<string | undefined>(undefined);
	busy = $state(false);
	// Raw: snapshots go back to IndexedDB, which cannot store Svelte proxies.
	undoStack = $state.raw<UndoEntry[]>([]);

	#shownAt = 0;
	/** The day-start hour, read once per load(): not on every card. */
	#knownDayStartHour: number | undefined;
	/** The study day (its start, ms) whose expired buries were already lifted. */
	#unburiedDay: number | undefined;
	/** The deck, its subdecks and their presets: read once, again after decks or presets change. */
	#scope: StudyScope | undefined;
	#progress: KeptProgress | undefined;
	/**
	 * The reviews and new cards due as the plan of the card on screen left them: the lookahead
	 * moves them by the answer instead of counting again. Dropped on any change not an answer.
	 */
	#tallies: QueueTallies | undefined;
	/** The first cards of each queue, as the plan of the card on screen left them: the same rules. */
	#heads: QueueHeads | undefined;
	/** Today's learning cards due, counted once and then moved by each answer. */
	#learning = new LearningDue();
	#lookahead: Pending | undefined;
	/** Counts database changes: a lookahead read before the latest one is out of date. */
	#generation = 0;
	/** Every action, one after another: a grade or an undo waits for the write before it. */
	#queue: Promise<void> = Promise.resolve();
	/** True while an action runs: database changes seen meanwhile are the session's own. */
	#running = false;
	#retry: (() => Promise<void>) | undefined = undefined;
	canRetry = $state(false);

	constructor(
		private readonly db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock,
		/** The hour the study day starts; undefined reads the collection's setting. */
		private readonly dayStartHour?: number,
		private readonly storage: () => PersistentStorage | undefined = browserStorage,
		/** Resolves once the next card shown is painted; true when the page is leaving instead. */
		private readonly painted: () => Promise<boolean> = afterPaint
	) {}

	async #dayStartHour(): Promise<number> {
		return (this.#knownDayStartHour ??= this.dayStartHour ?? (await getDayStartHour(this.db)));
	}

	async #scopeNow(): Promise<StudyScope> {
		return (this.#scope ??= await studyScope(this.db, this.deckId));
	}

	/** Shows the reload message as soon as a newer tab takes the database; returns a stop. */
	watchNewerVersion(): () => void {
		return this.db.onNewerVersion(() => {
			this.error = describeWriteError(undefined, true);
			this.canRetry = false;
			this.#retry = undefined;
		});
	}

	/**
	 * Follows database changes; returns a stop. Any change voids the lookahead (the next card may
	 * have changed); one made elsewhere (not by an action of this session) also voids the kept
	 * progress and scope, so they are read again, and the lookahead is made again.
	 */
	watchChanges(): () => void {
		return onTablesChanged(this.db, WATCHED_TABLES, () => {
			this.#generation += 1;
			if (!this.#running) {
				this.#progress = undefined;
				this.#forgetQueue();
				this.#learning.forget();
				this.#scope = undefined;
				queueMicrotask(() => this.#prepareNext());
			}
		});
	}

	/** Drops what the session keeps of the queue between answers: the next plan reads it. */
	#forgetQueue(): void {
		this.#tallies = undefined;
		this.#heads = undefined;
	}

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	async load(): Promise<void> {
		const reload = async () => {
			this.#knownDayStartHour = undefined;
			this.#scope = undefined;
			this.#progress = undefined;
			this.#learning.forget();
			await this.#loadNext();
		};
		await this.#enqueue(() => this.#run(reload, reload));
	}

	/** Once per study day, not per card: it reads every buried card in the collection. */
	async #unburyOncePerDay(now: Date, dayStartHour: number): Promise<void> {
		const day = studyDay(now, dayStartHour).start.getTime();
		if (this.#unburiedDay !== day) {
			await timed('unbury', () => unburyExpired(this.db, now));
			this.#unburiedDay = day;
		}
	}

	/** Asks the queue for the next card and shows it: the way when no lookahead holds. */
	async #loadNext(answeredNow = false): Promise<void> {
		const now = this.clock();
		const dayStartHour = await this.#dayStartHour();
		await this.#unburyOncePerDay(now, dayStartHour);
		const scope = await this.#scopeNow();
		const plan = await timed('next-card', () =>
			planNext(this.db, scope, now, {
				dayStartHour,
				progress: this.#progress,
				learning: 'skip',
				heads: 'keep'
			})
		);
		this.#keepPlan(plan);
		this.remaining = this.#withLearning(plan.counts, plan.day);
		if (plan.card) {
			await this.#show(plan.card, now);
			return;
		}
		this.view = undefined;
		this.intervals = undefined;
		this.revealed = false;
		this.finished = true;
		this.nextDue = (await nextDueAt(this.db, this.deckId, now, dayStartHour))?.getTime();
		if (this.answeredCount > 0 || answeredNow) {
			// The first finished session is when keeping the data starts to matter.
			await requestPersistence(this.db, this.storage(), now);
		}
	}

	async #show(card: CardRecord, now: Date, keepRevealed = false): Promise<void> {
		const view = await timed('card-view', () => loadCardView(this.db, card));
		await this.#present(view, now, keepRevealed);
	}

	/** Puts `view` on screen with its grade buttons' intervals: no read but the (kept) scope. */
	async #present(view: CardView, now: Date, keepRevealed = false): Promise<void> {
		const scope = await this.#scopeNow();
		const scheduler = createScheduler(presetInScope(scope, view.card.deckId));
		const previews = previewGrades(scheduler, view.card, now);
		this.intervals = Object.fromEntries(
			GRADES.map((grade) => [grade, formatDueIn(previews[grade].due, now)])
		) as Record<Grade, string>;
		this.view = view;
		this.revealed = keepRevealed && this.revealed;
		this.finished = false;
		if (!keepRevealed) {
			this.#shownAt = now.getTime();
		}
	}

	reveal(): void {
		if (this.view) {
			this.revealed = true;
		}
	}

	/**
	 * Starts the lookahead for the card on screen, unless one for it (as stored now, and since
	 * the latest database change) is already made or under way.
	 */
	#prepareNext(): void {
		const card = this.view?.card;
		const pending = this.#lookahead;
		if (!card || this.finished) {
			return;
		}
		if (
			pending?.forId === card.id &&
			pending.forMtime === card.mtime &&
			pending.generation === this.#generation
		) {
			return;
		}
		const generation = this.#generation;
		const progress = this.#progress;
		const tallies = this.#tallies;
		const heads = this.#heads ?? 'keep';
		const result = (async () => {
			const scope = await this.#scopeNow();
			const dayStartHour = await this.#dayStartHour();
			return lookAhead(this.db, scope, card, this.clock(), {
				dayStartHour,
				progress,
				tallies,
				heads,
				generation,
				learning: 'skip'
			});
		})().catch(() => undefined); // A failed lookahead only means the next grade asks the queue.
		this.#lookahead = { forId: card.id, forMtime: card.mtime, generation, result };
	}

	async #lookaheadFor(card: CardRecord): Promise<Lookahead | undefined> {
		const pending = this.#lookahead;
		return pending?.forId === card.id ? pending.result : undefined;
	}

	#screen(): Screen {
		return {
			view: this.view,
			revealed: this.revealed,
			intervals: this.intervals,
			remaining: this.remaining,
			answeredCount: this.answeredCount,
			undoStack: this.undoStack,
			shownAt: this.#shownAt,
			progress: this.#progress,
			tallies: this.#tallies,
			heads: this.#heads
		};
	}

	#restore(screen: Screen): void {
		this.view = screen.view;
		this.revealed = screen.revealed;
		this.intervals = screen.intervals;
		this.remaining = screen.remaining;
		this.answeredCount = screen.answeredCount;
		this.undoStack = screen.undoStack;
		this.#shownAt = screen.shownAt;
		this.#progress = screen.progress;
		this.#tallies = screen.tallies;
		this.#heads = screen.heads;
		this.finished = false;
	}

	/**
	 * The plan's counts with today's learning count as the session keeps it (`moving` it by an
	 * answer not yet written); undefined until counted (see `#countLearningSoon`).
	 */
	#withLearning(counts: PlanCounts, day: StudyDay, moving = 0): PlanCounts {
		return { ...counts, learning: this.#learning.valueFor(day.start.getTime(), moving) };
	}

	/**
	 * Counts today's learning cards when the counts on screen lack them, once the action that
	 * showed them is done: the count never holds back the reads of the card being shown.
	 */
	#countLearningSoon(): void {
		const scope = this.#scope;
		const hour = this.#knownDayStartHour;
		if (!scope || hour === undefined || this.remaining?.learning !== undefined) {
			return;
		}
		const day = studyDay(this.clock(), hour);
		const dayStart = day.start.getTime();
		this.#learning.ensure(
			dayStart,
			() => timed('learning-count', () => countLearningDue(this.db, scope, day)),
			() => {
				const learning = this.#learning.valueFor(dayStart);
				this.remaining = this.remaining && { ...this.remaining, learning };
			}
		);
	}

	/** What the next plan starts from: the day's progress, the tallies and the queue heads. */
	#keepPlan(plan: StudyPlan, heads: QueueHeads = plan.heads): void {
		this.#progress = { dayStart: plan.day.start.getTime(), value: plan.progress };
		this.#tallies = plan.tallies;
		this.#heads = heads;
	}

	/**
	 * Shows the lookahead's card as the one after the shown card's answer (`answered`, as it will
	 * be stored), moving `learning`.
	 */
	async #showLookahead(
		ahead: Lookahead,
		answered: CardRecord,
		learning: number,
		now: Date
	): Promise<void> {
		const { plan } = ahead;
		this.remaining = this.#withLearning(plan.counts, plan.day, learning);
		this.#keepPlan(plan, headsAfter(plan.heads, answered, plan.day));
		await this.#present(ahead.view!, now);
	}

	#countAnswer(reviewId: string): void {
		this.#offerUndo(reviewId);
		this.answeredCount += 1;
	}

	#offerUndo(reviewId: string): void {
		this.undoStack = [...this.undoStack, { kind: 'answer', reviewId }];
	}

	async grade(grade: Grade): Promise<void> {
		const shown = this.view;
		if (!shown || !this.revealed) {
			return;
		}
		const attempt = () => this.#answer(shown, grade);
		await this.#enqueue(() => this.#run(attempt, attempt));
	}

	/**
	 * Answers `shown`: shows the next card first when the lookahead holds, then writes the answer
	 * (card and review row, one transaction); when it does not hold, writes first and asks the
	 * queue, as before. A write that fails puts the screen back as it was, answer shown.
	 */
	async #answer(shown: CardView, grade: Grade): Promise<void> {
		if (this.view !== shown || !this.revealed) {
			return; // Pressed for a card that is no longer on screen (a double press).
		}
		const card = shown.card;
		const now = this.clock();
		const input: AnswerInput = {
			cardId: card.id,
			grade,
			now,
			duration: now.getTime() - this.#shownAt,
			shownMtime: card.mtime,
			dayStartHour: await this.#dayStartHour(),
			reviewId: newId()
		};
		const scope = await this.#scopeNow();
		const ahead = await this.#lookaheadFor(card);
		const preset = presetInScope(scope, card.deckId);
		const { card: after, leech } = answered(card, preset, input);
		const dayEnd = studyDay(now, input.dayStartHour).end;
		const learning = learningDueDelta(card, after, dayEnd);
		const before = this.#screen();
		const early = ahead !== undefined && holdsAfter(ahead, card, after, now, this.#generation);
		let leaving = false;
		if (early) {
			await this.#showLookahead(ahead, after, learning, now);
			// Undo is offered with the next card (it waits for the write in the action queue).
			this.#offerUndo(input.reviewId!);
			// The write's work would hold back the frame that shows the next card: it starts once
			// that frame is painted (at once if the page is being hidden, so it is not lost). The
			// next grade or undo waits for it in the action queue meanwhile.
			leaving = await this.painted();
		}
		// A leech answer (rare) also tags its note, which needs a read: the write makes its own.
		const reads = early && !leech ? answerReads(card, preset, ahead.plan) : undefined;
		try {
			// Moved right before the write starts: a count begun earlier cannot see the write.
			this.#learning.move(learning);
			await timed('answer', () => this.#write(input, reads, leaving));
		} catch (error) {
			this.#learning.move(-learning);
			if (classifyWriteError(error) !== 'stale') {
				if (early) {
					this.#restore(before);
				}
				throw error;
			}
			// Answered in another tab: nothing lost, nothing doubled; say so and move on.
			this.notice = describeWriteError(error);
			this.#progress = undefined;
			this.#forgetQueue();
			this.#learning.forget();
			if (early) {
				// The next card is already on screen: the answer is not counted, nor undoable.
				this.undoStack = before.undoStack;
			} else {
				await this.#loadNext();
			}
			return;
		}
		if (leech) {
			this.notice = leechNotice(leech);
		}
		if (early) {
			// Counted once stored, a moment after the paint: "N answered" never counts an answer
			// that is not in IndexedDB yet.
			this.answeredCount += 1;
		} else {
			const kept = this.#progress;
			this.#progress = kept && { ...kept, value: progressAfter(kept.value, card.state) };
			await this.#loadNext(true);
			// Counted once the next card is ready, so the screen changes once: one render, one paint.
			this.#countAnswer(input.reviewId!);
		}
	}

	/**
	 * Writes the answer: at once from the lookahead's reads when there are some, committed as soon
	 * as the page starts to leave; otherwise with its own reads.
	 */
	async #write(input: AnswerInput, reads: AnswerReads | undefined, leaving: boolean) {
		if (!reads) {
			return answerCard(this.db, input);
		}
		const write = answerAtOnce(this.db, input, reads, leaving);
		const stop = onLeave(() => write.commitNow());
		try {
			return await write.done;
		} finally {
			stop();
		}
	}

	/** Runs a menu action (study-actions.ts) on the current card; undoable. */
	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		const attempt = async () => {
			if (this.view?.card !== card) {
				return;
			}
			const now = this.clock();
			const snapshot = await snapshotCards(this.db, [card.id]);
			const done = await runCardAction(this.db, action, card, now, await this.#dayStartHour());
			this.undoStack = [...this.undoStack, { kind: 'action', snapshot, cardId: card.id }];
			if (done.movesOn) {
				// Rare enough to count again rather than follow each action's effect on the count.
				this.#learning.forget();
				await this.#loadNext();
			} else {
				await this.#reshow();
			}
			this.notice = done.notice;
		};
		await this.#enqueue(() => this.#run(attempt, attempt));
	}

	async flag(flag: Flag): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		const attempt = async () => {
			if (this.view?.card.id !== card.id) {
				return;
			}
			await flagCards(this.db, [card.id], flag, this.clock());
			await this.#reshow();
			this.notice = flag === 0 ? 'Flag removed.' : 'Card flagged.';
		};
		await this.#enqueue(() => this.#run(attempt, attempt));
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	async refresh(): Promise<void> {
		const reshow = () => this.#reshow();
		await this.#enqueue(() => this.#run(reshow, reshow));
	}

	async #reshow(): Promise<void> {
		// An edit or a flag changed cards the kept heads may hold: they are read again.
		this.#heads = undefined;
		const id = this.view?.card.id;
		const card = id ? await getCard(this.db, id) : undefined;
		if (card && (card.queue === 'new' || card.queue === 'learning' || card.queue === 'review')) {
			await this.#show(card, this.clock(), true);
		} else {
			// The edit removed this card (a cloze number deleted): go on with the next one.
			await this.#loadNext();
		}
	}

	/**
	 * Undoes the last answer or action. Pressed while that answer is still being written, it
	 * waits for the write (the queue); if the write failed, there is nothing of it to undo.
	 */
	async undo(): Promise<void> {
		const entry = this.undoStack.at(-1);
		if (!entry) {
			return;
		}
		const attempt = async () => {
			if (this.undoStack.at(-1) !== entry) {
				return;
			}
			const now = this.clock();
			let card: CardRecord | undefined;
			if (entry.kind === 'answer') {
				card = await undoReview(this.db, entry.reviewId, now);
				this.answeredCount = Math.max(0, this.answeredCount - 1);
				const kept = this.#progress;
				this.#progress = kept && { ...kept, value: progressAfter(kept.value, card.state, -1) };
			} else {
				await restoreSnapshot(this.db, entry.snapshot, now);
				card = await getCard(this.db, entry.cardId);
			}
			this.undoStack = this.undoStack.slice(0, -1);
			const dayStartHour = await this.#dayStartHour();
			const scope = await this.#scopeNow();
			this.#learning.forget();
			const plan = await planNext(this.db, scope, now, {
				dayStartHour,
				progress: this.#progress,
				learning: 'skip',
				heads: 'keep'
			});
			this.#keepPlan(plan);
			this.remaining = this.#withLearning(plan.counts, plan.day);
			if (card) {
				// An action that left the card on screen (mark note) puts it back as it is shown:
				// answer still shown, its answer time still running.
				const stayed = entry.kind === 'action' && this.view?.card.id === card.id;
				await this.#show(card, now, stayed);
			}
			this.notice = 'Undone.';
		};
		await this.#enqueue(() => this.#run(attempt, attempt));
	}

	/** Tries the failed action again (after the user freed space, for example). */
	async retry(): Promise<void> {
		const retry = this.#retry;
		if (retry && !this.busy && !this.#running) {
			await this.#enqueue(retry);
		}
	}

	/** Runs `task` after every action queued before it; a failure does not stop the queue. */
	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	async #run(task: () => Promise<void>, retry: () => Promise<void>): Promise<void> {
		this.#running = true;
		// Only a slow action shows as busy: flipping `busy` at once would re-render the screen in
		// the middle of an answer, and the next card would wait for that frame.
		const showBusy = setTimeout(() => (this.busy = true), BUSY_AFTER_MS);
		this.error = undefined;
		this.notice = undefined;
		this.#retry = undefined;
		this.canRetry = false;
		try {
			await task();
		} catch (error) {
			const failure = classifyWriteError(error, this.db.newerVersionOpened);
			this.error = describeWriteError(error, this.db.newerVersionOpened);
			if (canRetry(failure)) {
				this.#retry = () => this.#run(retry, retry);
				this.canRetry = true;
			}
		} finally {
			clearTimeout(showBusy);
			this.#running = false;
			this.busy = false;
			this.#prepareNext();
			this.#countLearningSoon();
		}
	}
}
