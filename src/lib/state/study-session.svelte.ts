/**
 * One study session on one deck, on the study screen's state and action queue
 * (study-screen.svelte.ts): what is shown, the undo stack of this session's answers and card
 * actions, and the error with a retry if a write failed.
 *
 * Grading is instant: while a card is on screen the next one is already planned and rendered
 * (lookahead-runner.ts), so a grade shows it at once; the answer's write is queued
 * (answer-writes.ts) and starts after that paint. An undo or a menu action waits for the queued
 * writes; a write that fails puts the answered card back on screen with the error and a retry
 * (answer-put-back.ts). What the session keeps of the queue between answers (kept-queue.ts) is
 * read again only when the database changes from elsewhere (another tab, an edit).
 */
import type { CardView } from '$lib/domain/card-view';
import { newId } from '$lib/domain/ids';
import { leechNotice, type LeechAction } from '$lib/domain/leech';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import { studyDay } from '$lib/domain/study-day';
import type { Grade } from '$lib/domain/scheduler';
import {
	answerCard,
	answered,
	answerRecords,
	type AnswerInput,
	type AnswerRecords
} from '$lib/storage/answers';
import { undoReviewForRedo } from '$lib/storage/answer-redo';
import { flagCards, type Flag } from '$lib/storage/card-actions';
import { getCard, loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { onTablesChanged } from '$lib/storage/observe';
import { requestPersistence, type PersistentStorage } from '$lib/storage/persistence';
import { LEARN_AHEAD_MS, nextDueAt, presetInScope } from '$lib/storage/queue';
import { restoreSnapshot, snapshotCards } from '$lib/storage/snapshots';
import { learningDueDelta } from './learning-due';
import { headsAfter, holdsAfter, type Lookahead } from './lookahead';
import { afterPaint } from './after-paint';
import { AnswerWrites, type QueuedAnswer } from './answer-writes';
import { DueWake, timeout, type Schedule } from './due-wake';
import {
	screenOf,
	showScreen,
	withLaterAnswers,
	withoutAnswer,
	type Answered,
	type UndoEntry
} from './answer-put-back';
import { keepGrade, type KeptGrade } from './grade-on-leave';
import { KeptQueue } from './kept-queue';
import { answerReads, LookaheadRunner } from './lookahead-runner';
import { runCardAction, type CardAction } from './study-actions';
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

export type { CardAction };

export class StudySession extends StudyScreen {
	/** The queue's state kept between answers (progress, tallies, heads, learning count, scope). */
	#kept: KeptQueue;
	/** The card after the one on screen, planned while it is on screen. */
	#lookahead: LookaheadRunner;
	/** The answers shown as given whose writes are still to land, in order. */
	#writes: AnswerWrites<Answered>;
	/** Counts database changes: a lookahead read before the latest one is out of date. */
	#generation = 0;
	/** Shows a learning card by itself once its step comes due later today, when finished. */
	#wake: DueWake;
	/** Each card view's preset as shown: a grade kept on leave is computed with it. */
	#presets = new WeakMap<CardView, DeckPreset>();
	/** The grade not queued yet, kept safe if the page leaves (grade-on-leave.ts). */
	#grading: { shown: CardView; kept: KeptGrade } | undefined;
	/** The first load, started before the screen mounted (`preload`): true once it ran. */
	#early: { done: Promise<boolean>; stale: () => boolean } | undefined;

	constructor(
		db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock,
		/** The hour the study day starts; undefined reads the collection's setting. */
		dayStartHour?: number,
		private readonly storage: () => PersistentStorage | undefined = browserStorage,
		/** Resolves once the next card shown is painted; true when the page is leaving instead. */
		private readonly painted: () => Promise<boolean> = afterPaint,
		schedule: Schedule = timeout
	) {
		super(db);
		this.#wake = new DueWake(clock, schedule, () => {
			if (this.finished && !this.running) {
				void this.load();
			}
		});
		this.#kept = new KeptQueue(db, deckId, dayStartHour);
		this.#writes = new AnswerWrites(db, {
			stored: () => (this.answeredCount += 1),
			stale: (answer, error) =>
				void this.enqueue(async () => this.#answeredElsewhere(answer, error)),
			failed: (answer, error) => this.#putBack(answer, error)
		});
		this.#lookahead = new LookaheadRunner(db, this.#kept, this.#writes, clock);
	}

	/**
	 * Follows database changes; returns a stop. Any change voids the lookahead (the next card may
	 * have changed); one made elsewhere (not by an action of this session) also voids what the
	 * session keeps of the queue, so it is read again, and the lookahead is made again. A
	 * finished session also wakes when a learning card's step comes due (`#wake`).
	 */
	watchChanges(): () => void {
		const stopWake = this.#wake.watch();
		const stop = onTablesChanged(this.db, WATCHED_TABLES, (change) => {
			if (this.#writes.madeChange(change)) {
				return; // An answer the screen already shows as given, and the lookahead counts in.
			}
			this.#generation += 1;
			if (!this.running) {
				this.#kept.forgetScope();
				queueMicrotask(() => void this.#prepareNext());
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
			this.#kept.reload();
			await this.#loadNext();
		};
		return timed('study-load', () => this.enqueue(() => this.run(reload, reload)));
	}

	/** Asks the queue for the next card and shows it: the way when no lookahead holds. */
	async #loadNext(answeredNow = false): Promise<void> {
		const now = this.clock();
		// The deck's scope does not depend on the buries: both reads at once.
		await Promise.all([this.#kept.unburyOncePerDay(now), this.#kept.scope()]);
		const plan = await this.#kept.plan(now);
		this.remaining = this.#kept.withLearning(plan.counts, plan.day);
		if (plan.card) {
			this.#wake.set(undefined);
			await this.#show(plan.card, now);
			return;
		}
		this.view = undefined;
		this.intervals = undefined;
		this.revealed = false;
		this.finished = true;
		const dayStartHour = await this.#kept.dayStartHour();
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

	async #show(card: CardRecord, now: Date, keepRevealed = false): Promise<void> {
		const view = await timed('card-view', () => loadCardView(this.db, card));
		await this.#present(view, now, keepRevealed);
	}

	/** Puts `view` on screen with its grade buttons' intervals: no read but the (kept) scope. */
	async #present(view: CardView, now: Date, keepRevealed = false): Promise<void> {
		const scope = await this.#kept.scope();
		const preset = presetInScope(scope, view.card.deckId);
		this.present(view, preset, now, keepRevealed);
		// Keyed by the view as `this.view` gives it back (in the browser, Svelte's proxy of it).
		this.#presets.set(this.view!, preset);
	}

	/** Starts the lookahead for the card on screen (lookahead-runner.ts); resolves once it reads. */
	#prepareNext(): Promise<unknown> {
		const card = this.view?.card;
		return card && !this.finished
			? this.#lookahead.prepare(card, this.#generation)
			: Promise.resolve();
	}

	/**
	 * Counts today's learning cards when the counts on screen lack them, once the action that
	 * showed them is done: the count never holds back the reads of the card being shown.
	 */
	#countLearningSoon(): void {
		if (this.remaining?.learning === undefined) {
			this.#kept.countLearningSoon(this.clock(), (learning) => {
				this.remaining = this.remaining && { ...this.remaining, learning };
			});
		}
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
		this.remaining = this.#kept.withLearning(plan.counts, plan.day, learning);
		this.#kept.keep(plan, headsAfter(plan.heads, answered, plan.day));
		await this.#present(ahead.view!, now);
	}

	/** Grades the card on screen; resolves once its answer is stored (or put back, if it failed). */
	async grade(grade: Grade): Promise<void> {
		const shown = this.view;
		if (!shown || !this.revealed) {
			return;
		}
		let landed: Promise<boolean> | undefined;
		// From the key press, not once the action queue and the reads below let the answer run.
		let kept = this.#keepGrade(shown, grade);
		const attempt = async () => {
			const first = kept;
			kept = undefined; // A retry writes as usual.
			landed = (await this.#answerKept(shown, grade, first))?.landed;
		};
		try {
			await this.enqueue(() => this.run(attempt, attempt));
		} finally {
			this.#releaseGrade(shown);
		}
		if (landed && !(await landed)) {
			await this.actionsDone(); // The card is put back by an action queued when its write failed.
		}
	}

	/**
	 * `#answer` with its grade kept safe (grade-on-leave.ts). Should the page's leaving write that
	 * grade while the answer waits (the page was frozen, not closed, and runs again), the answer
	 * stops at its next step (`signal` is aborted as that write starts) or its own write fails:
	 * either way the grade is taken as written, once.
	 */
	async #answerKept(
		shown: CardView,
		grade: Grade,
		kept: KeptGrade | undefined
	): Promise<{ landed: Promise<boolean> } | undefined> {
		try {
			return await this.#answer(shown, grade, kept);
		} catch (error) {
			if (kept?.written) {
				return this.#writtenOnLeave(kept.written);
			}
			throw error;
		}
	}

	/**
	 * Answers `shown`: when the lookahead holds, shows the next card at once and queues the
	 * answer's write (`#writes`: it starts once that card is painted and the card after it
	 * planned). Otherwise, once the queued writes landed, writes first and asks the queue.
	 */
	async #answer(
		shown: CardView,
		grade: Grade,
		kept?: KeptGrade
	): Promise<{ landed: Promise<boolean> } | undefined> {
		if (this.view !== shown || !this.revealed) {
			return undefined; // Pressed for a card that is no longer on screen (a double press).
		}
		const card = shown.card;
		const now = this.clock();
		const input: AnswerInput = {
			cardId: card.id,
			grade,
			now,
			duration: now.getTime() - this.shownAt,
			shownMtime: card.mtime,
			dayStartHour: await this.#kept.dayStartHour(),
			// The same as a write on leave's: should both land, the second fails, nothing doubles.
			reviewId: kept?.reviewId ?? newId()
		};
		const scope = await this.#kept.scope();
		const ahead = await this.#lookahead.for(card);
		kept?.signal.throwIfAborted();
		const preset = presetInScope(scope, card.deckId);
		const { card: after, leech } = answered(card, preset, input);
		const learning = learningDueDelta(card, after, studyDay(now, input.dayStartHour).end);
		// A leech answer (rare) also tags its note, which needs a read: the write makes its own.
		const early = ahead && !leech && holdsAfter(ahead, card, after, now, this.#generation);
		const reads = early ? answerReads(card, preset, ahead.plan) : undefined;
		if (ahead && reads && !this.#writes.halted) {
			const before = screenOf(this);
			await this.#showLookahead(ahead, after, learning, now);
			kept?.signal.throwIfAborted();
			// Undo is offered with the next card (an undo waits for the queued writes).
			this.offerUndo({ kind: 'answer', reviewId: input.reviewId! });
			const context = { before, shown, grade };
			const landed = this.#queueWrite(answerRecords(input, reads), learning, context);
			this.#releaseGrade(shown); // Queued: written on leave from now on.
			return { landed };
		}
		await this.#answerInOrder(card, input, learning, leech, kept);
		return undefined;
	}

	/**
	 * Keeps `shown`'s grade safe until its write is queued or done (grade-on-leave.ts): a tab
	 * closed meanwhile writes it from the card and preset on screen. One per card shown: a
	 * second press for it is a double press.
	 */
	#keepGrade(shown: CardView, grade: Grade): KeptGrade | undefined {
		const preset = this.#presets.get(shown);
		if (!preset || this.#grading?.shown === shown) {
			return undefined;
		}
		const now = this.clock();
		const duration = now.getTime() - this.shownAt;
		const kept = keepGrade(this.db, { card: shown.card, preset, grade, now, duration });
		this.#grading = { shown, kept };
		return kept;
	}

	#releaseGrade(shown: CardView): void {
		if (this.#grading?.shown === shown) {
			this.#grading.kept.release();
			this.#grading = undefined;
		}
	}

	/**
	 * The page's leaving wrote the grade (grade-on-leave.ts) and the page runs again (it was
	 * frozen, not closed): shown as stored, the queue read again, as after a change elsewhere.
	 */
	async #writtenOnLeave(written: Promise<ReviewRecord>): Promise<undefined> {
		const review = await written;
		this.#kept.forget();
		this.#kept.learning.forget();
		await this.#loadNext(true);
		this.offerUndo({ kind: 'answer', reviewId: review.id });
		this.answeredCount += 1;
		return undefined;
	}

	/**
	 * Queues an answer's write. The write's work would hold back the frame that shows the next
	 * card, and its transaction would hold back the reads planning the card after (IndexedDB runs
	 * them in the order asked): it starts once that frame is painted and those reads are asked
	 * for (at once if the page starts to leave).
	 */
	#queueWrite(records: AnswerRecords, learning: number, context: Answered): Promise<boolean> {
		const painted = this.painted();
		this.#lookahead.painted = painted;
		const planned = this.#prepareNext();
		this.#kept.learning.queue(learning);
		return this.#writes.add({
			records,
			gate: painted.then((leaving) => (leaving ? undefined : planned)),
			// Moved as the write starts: a count begun earlier cannot see the write.
			onStart: () => this.#kept.learning.start(learning),
			context
		});
	}

	/** The answer written before the next card is planned: the way when no lookahead holds. */
	async #answerInOrder(
		card: CardRecord,
		input: AnswerInput,
		learning: number,
		leech: LeechAction | undefined,
		kept?: KeptGrade
	): Promise<void> {
		if (!(await this.writesLanded())) {
			return; // An earlier answer failed to save: its card is put back instead.
		}
		this.#kept.learning.move(learning);
		try {
			await timed('answer', () => answerCard(this.db, input, kept?.signal));
		} catch (error) {
			this.#kept.learning.move(-learning);
			kept?.signal.throwIfAborted();
			if (classifyWriteError(error) !== 'stale') {
				throw error;
			}
			// Answered in another tab: nothing lost, nothing doubled; say so and move on.
			this.#forgetAll(error);
			await this.#loadNext();
			return;
		}
		this.#kept.moveProgress(card.state, 1);
		await this.#loadNext(true);
		if (leech) {
			this.notice = leechNotice(leech);
		}
		// Counted once the next card is ready, so the screen changes once: one render, one paint.
		this.offerUndo({ kind: 'answer', reviewId: input.reviewId! });
		this.answeredCount += 1;
	}

	/** Something this session did not expect changed the stored queue: it is read again. */
	#forgetAll(error: unknown): void {
		this.notice = describeWriteError(error);
		this.#kept.forget();
	}

	/** A queued answer's card had been answered in another tab: not counted, nor undoable. */
	#answeredElsewhere(answer: QueuedAnswer<Answered>, error: unknown): void {
		this.undoStack = withoutAnswer(this.undoStack, answer.records.review.id);
		this.#forgetAll(error);
	}

	/**
	 * A queued answer's write failed: the screen goes back to that card, answer shown, with the
	 * error and a retry (answer-put-back.ts); the answers given after it were not written either.
	 */
	#putBack(answer: QueuedAnswer<Answered>, error: unknown): void {
		const { before, shown, grade } = answer.context;
		let later = 0;
		const putBack = async () => {
			showScreen(this, before);
			this.#lookahead.painted = Promise.resolve(); // The frame of a card no longer shown.
			// Writes the page's leaving started may have landed: the queue is read again.
			this.#kept.forget();
			this.#kept.learning.dropQueued();
			later = this.#writes.resume() - 1;
			throw error;
		};
		const attempt = async () => void (await this.#answer(shown, grade));
		void this.enqueue(async () => {
			await this.run(putBack, attempt);
			this.error = withLaterAnswers(this.error, later);
		});
	}

	/** Runs a menu action (study-actions.ts) on the current card; undoable. */
	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		const attempt = async () => {
			if (this.view?.card === card) {
				this.offerUndo(await this.#runAction(action, card));
			}
		};
		await this.inOrder(attempt);
	}

	/** Runs `action` on `card` and shows what comes next; returns its undo step. */
	async #runAction(action: CardAction, card: CardRecord): Promise<UndoEntry> {
		const now = this.clock();
		const snapshot = await snapshotCards(this.db, [card.id]);
		const hour = await this.#kept.dayStartHour();
		const done = await runCardAction(this.db, action, card, now, hour);
		if (done.movesOn) {
			// Rare enough to count again rather than follow each action's effect on the count.
			this.#kept.learning.forget();
			await this.#loadNext();
		} else {
			await this.#reshow();
		}
		this.notice = done.notice;
		return { kind: 'action', snapshot, cardId: card.id, action };
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
			this.redoStack = []; // A new action: what was undone stays undone.
			await this.#reshow();
			this.notice = flag === 0 ? 'Flag removed.' : 'Card flagged.';
		};
		await this.inOrder(attempt);
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	async refresh(): Promise<void> {
		await this.inOrder(() => this.#reshow());
	}

	async #reshow(): Promise<void> {
		this.#kept.forgetHeads();
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
				const answer = await undoReviewForRedo(this.db, entry.reviewId, now);
				card = answer.card;
				this.answeredCount = Math.max(0, this.answeredCount - 1);
				this.#kept.moveProgress(card.state, -1);
				this.undone(answer.undone && { kind: 'answer', undone: answer.undone });
			} else {
				await restoreSnapshot(this.db, entry.snapshot, now);
				card = await getCard(this.db, entry.cardId);
				this.undone({ kind: 'action', cardId: entry.cardId, action: entry.action });
			}
			this.#kept.learning.forget();
			const plan = await this.#kept.plan(now);
			this.remaining = this.#kept.withLearning(plan.counts, plan.day);
			if (card) {
				// An action that left the card on screen (mark note) puts it back as it is shown:
				// answer still shown, its answer time still running.
				const stayed = entry.kind === 'action' && this.view?.card.id === card.id;
				await this.#show(card, now, stayed);
			}
			this.notice = 'Undone.';
		};
		await this.inOrder(attempt);
	}

	/**
	 * Gives the last undone step again (storage/answer-redo.ts): an answer as it was given, under
	 * a new review row; an action run again on its card. Refused when the card changed since.
	 */
	async redo(): Promise<void> {
		const entry = this.redoStack.at(-1);
		if (!entry) {
			return;
		}
		const attempt = async () => {
			if (this.redoStack.at(-1) !== entry) {
				return;
			}
			if (entry.kind === 'answer') {
				const review = await this.redoAnswer(entry.undone, this.clock());
				if (!review) {
					return;
				}
				this.redone({ kind: 'answer', reviewId: review.id });
				// As an answer written elsewhere: the queue is read again.
				this.#kept.forget();
				this.#kept.learning.forget();
				await this.#loadNext(true);
				this.answeredCount += 1;
			} else {
				const card = await getCard(this.db, entry.cardId);
				if (!card) {
					throw new Error('Nothing to redo: that card was deleted.');
				}
				this.redone(await this.#runAction(entry.action, card));
			}
			this.notice = 'Redone.';
		};
		await this.inOrder(attempt);
	}

	protected afterAction(): void {
		void this.#prepareNext();
		this.#countLearningSoon();
	}

	protected writesLanded(): Promise<boolean> {
		return this.#writes.drained();
	}
}
