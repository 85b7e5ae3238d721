/**
 * What the study screen shows (the card, whether its answer is shown, the grade buttons'
 * intervals, the counts still due, the undo stack, an error or a notice, the busy state) and the
 * one queue its actions run in, one after another: a grade, an undo or a menu action waits for
 * the one before it, a failure shows its message (with a retry when retrying can help), and only
 * a slow action shows as busy. The daily study session (study-session.svelte.ts) and a custom
 * study session (custom-study-session.svelte.ts) build on it, each with its own undo entries.
 */
import type { CardView } from '$lib/domain/card-view';
import { formatDueIn } from '$lib/domain/interval-format';
import type { DeckPreset } from '$lib/domain/preset';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import type { EngramDB } from '$lib/storage/db';
import { redoReview, type UndoneAnswer } from '$lib/storage/answer-redo';
import type { ReviewRecord } from '$lib/domain/model';
import { StaleCardError } from '$lib/storage/answers';
import { canRetry, classifyWriteError, describeWriteError } from '$lib/storage/errors';
import type { PlanCounts } from '$lib/storage/queue';
import type { ResumeMark } from '$lib/storage/resume-card';
import type { RedoEntry, UndoEntry } from './undo-steps';

/** The card on screen, offered for the resume snapshot: until when it stays the head, and since when. */
export interface Resumable {
	view: CardView;
	deckId: string;
	validUntil: number;
	mark: ResumeMark;
}

/** Why a redo did nothing: the undone answer's card is no longer as the undo left it. */
export const REDO_REFUSED =
	'This card changed after the undo (in another tab or by an edit), so that answer cannot be redone.';

/** Actions quicker than this never show the busy state (disabled buttons). */
const BUSY_AFTER_MS = 150;

export abstract class StudyScreen<Entry = UndoEntry, Redo = RedoEntry> {
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
	undoStack = $state.raw<Entry[]>([]);
	/** What was undone, the last undone last: Redo gives it again; a new action clears it. */
	redoStack = $state.raw<Redo[]>([]);
	canRetry = $state(false);
	/**
	 * The card on screen when it is the queue's head as stored, for the resume snapshot
	 * (StudyCard keeps it): set by the daily session (session-lookahead.svelte.ts) only.
	 */
	resumable = $state.raw<Resumable | undefined>(undefined);
	/** When the card on screen was shown (ms since epoch): its answer's duration counts from it. */
	shownAt = 0;

	/** Every action, one after another: a grade or an undo waits for the write before it. */
	#queue: Promise<void> = Promise.resolve();
	/** True while an action runs: database changes seen meanwhile are the session's own. */
	#running = false;
	#retry: (() => Promise<void>) | undefined = undefined;

	constructor(protected readonly db: EngramDB) {}

	/** Runs once each action is done, failed or not. */
	protected abstract afterAction(): void;

	/** Resolves once the answers' queued writes landed: false when one failed. */
	protected abstract writesLanded(): Promise<boolean>;

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	get canRedo(): boolean {
		return this.redoStack.length > 0 && !this.busy;
	}

	protected get running(): boolean {
		return this.#running;
	}

	reveal(): void {
		if (this.view) {
			this.revealed = true;
		}
	}

	/** Shows the reload message as soon as a newer tab takes the database; returns a stop. */
	watchNewerVersion(): () => void {
		return this.db.onNewerVersion(() => {
			this.error = describeWriteError(undefined, true);
			this.canRetry = false;
			this.#retry = undefined;
		});
	}

	/** Puts `view` on screen with its grade buttons' intervals under `preset`. */
	protected present(view: CardView, preset: DeckPreset, now: Date, keepRevealed = false): void {
		const previews = previewGrades(createScheduler(preset), view.card, now);
		this.intervals = Object.fromEntries(
			GRADES.map((grade) => [grade, formatDueIn(previews[grade].due, now)])
		) as Record<Grade, string>;
		this.view = view;
		this.revealed = keepRevealed && this.revealed;
		this.finished = false;
		if (!keepRevealed) {
			this.shownAt = now.getTime();
		}
	}

	/** A new action: undoable, and what was undone before it can no longer be redone. */
	protected offerUndo(entry: Entry): void {
		this.undoStack = [...this.undoStack, entry];
		this.redoStack = [];
	}

	/** An undo done: `redo` gives it again. */
	protected undone(redo: Redo | undefined): void {
		this.undoStack = this.undoStack.slice(0, -1);
		this.redoStack = redo ? [...this.redoStack, redo] : [];
	}

	/** A redo done: `entry` undoes it again; the steps undone before it can still be redone. */
	protected redone(entry: Entry): void {
		this.undoStack = [...this.undoStack, entry];
		this.redoStack = this.redoStack.slice(0, -1);
	}

	/**
	 * Gives an undone answer again, or, when its card changed since the undo (another tab, an
	 * edit), says so and drops the step: it could never be given again, so Redo moves on to the
	 * step undone before it. Nothing is written then.
	 */
	protected async redoAnswer(undone: UndoneAnswer, now: Date): Promise<ReviewRecord | undefined> {
		try {
			return await redoReview(this.db, undone, now);
		} catch (error) {
			if (!(error instanceof StaleCardError)) {
				throw error;
			}
			this.redoStack = this.redoStack.slice(0, -1);
			this.notice = REDO_REFUSED;
			return undefined;
		}
	}

	/** Tries the failed action again (after the user freed space, for example). */
	async retry(): Promise<void> {
		const retry = this.#retry;
		if (retry && !this.busy && !this.#running) {
			await this.enqueue(retry);
			await this.writesLanded();
			await this.actionsDone();
		}
	}

	/** Resolves once every action queued so far is done. */
	protected async actionsDone(): Promise<void> {
		await this.#queue;
	}

	/**
	 * Queues an action that reads what the answers change: it runs once their writes landed (not
	 * at all when one failed: its card is put back instead).
	 */
	protected inOrder(attempt: () => Promise<void>): Promise<void> {
		const inOrder = async () => {
			if (await this.writesLanded()) {
				await attempt();
			}
		};
		return this.enqueue(() => this.run(inOrder, inOrder));
	}

	/** Runs `task` after every action queued before it; a failure does not stop the queue. */
	protected enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(task);
		this.#queue = run.catch(() => undefined);
		return run;
	}

	/** Runs an action: its failure shows as the error, with `retry` when retrying can help. */
	protected async run(task: () => Promise<void>, retry: () => Promise<void>): Promise<void> {
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
				this.#retry = () => this.run(retry, retry);
				this.canRetry = true;
			}
		} finally {
			clearTimeout(showBusy);
			this.#running = false;
			this.busy = false;
			this.afterAction();
		}
	}
}
