/**
 * Studying a custom study session (a filtered deck): its cards one after another, read again
 * from storage after every action (a session is tens of cards, not a day's queue of thousands,
 * so none of the daily session's lookahead is needed), on the study screen's state and action
 * queue (study-screen.svelte.ts). With rescheduling on, an answer is an ordinary review
 * (answerCard, undone by undoReview); with it off, a preview row is written and the card is not
 * touched. A finished session whose learning cards are still waiting shows the next one by
 * itself when its step comes due.
 */
import type { CardView } from '$lib/domain/card-view';
import { queueCounts, type SessionProgress } from '$lib/domain/custom-study/session-queue';
import type { FilteredDeckRecord, PreviewRecord } from '$lib/domain/custom-study/filtered';
import { recordedAnswerMs } from '$lib/domain/answer-time';
import { flagNotice } from '$lib/domain/flags';
import { newId } from '$lib/domain/ids';
import { Rating, type Grade } from '$lib/domain/scheduler';
import type { CardRecord } from '$lib/domain/model';
import { answerCard, StaleCardError } from '$lib/storage/answers';
import { flagCards, type Flag } from '$lib/storage/card-actions';
import { getFlagNames } from '$lib/storage/flag-names';
import { getCard, loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import {
	readFilteredSession,
	recordPreview,
	SESSION_LEARN_AHEAD_MS,
	undoPreview,
	type FilteredSession
} from '$lib/storage/filtered-session';
import { onTablesChanged } from '$lib/storage/observe';
import { presetForDeck } from '$lib/storage/queue';
import { snapshotCards } from '$lib/storage/snapshots';
import { getDayStartHour } from '$lib/storage/study-settings';
import { runCardAction, type CardAction } from './study-actions';
import { DueWake, timeout, type Schedule } from './due-wake';
import type { StudyController } from './study-controller';
import { StudyScreen } from './study-screen.svelte';
import {
	cardToRedo,
	undoActionStep,
	undoAnswerStep,
	type RedoEntry,
	type UndoEntry
} from './undo-steps';

type Clock = () => Date;

const systemClock: Clock = () => new Date();

/** The daily session's steps (undo-steps.ts), and a preview (rescheduling off) by its row. */
type CustomUndoEntry = UndoEntry | { kind: 'preview'; id: string };

/** An undone step: an answer or a preview given again as it was, an action run again. */
type CustomRedoEntry = RedoEntry | { kind: 'preview'; preview: PreviewRecord };

/** A preview changes no schedule: the buttons say so instead of showing an interval. */
const PREVIEW_INTERVALS: Record<Grade, string> = {
	[Rating.Again]: 'again soon',
	[Rating.Hard]: 'no change',
	[Rating.Good]: 'no change',
	[Rating.Easy]: 'no change'
};

/** Why a shown card's answer was refused: it changed elsewhere since it was shown. */
function notAnswered(card: CardRecord | undefined): string {
	const how = !card
		? 'deleted'
		: card.queue === 'suspended' || card.queue === 'buried'
			? card.queue
			: undefined;
	return how
		? `This card was ${how} elsewhere, so your answer was not saved.`
		: new StaleCardError().message;
}

const WATCHED_TABLES = ['cards', 'reviews', 'notes', 'noteTypes', 'filteredDecks', 'previews'];

export class CustomStudySession
	extends StudyScreen<CustomUndoEntry, CustomRedoEntry>
	implements StudyController
{
	/** The session's record once read; undefined also when it was deleted. */
	deck = $state.raw<FilteredDeckRecord | undefined>(undefined);
	missing = $state(false);
	/** Cards left, answered since the build and gone since: the end screen says why it ended. */
	progress = $state.raw<SessionProgress | undefined>(undefined);
	/** Shows the next learning card by itself when its step comes due. */
	#wake: DueWake;

	constructor(
		db: EngramDB,
		readonly filteredId: string,
		private readonly clock: Clock = systemClock,
		private readonly dayStartHour?: number,
		schedule: Schedule = timeout
	) {
		super(db);
		this.#wake = new DueWake(clock, schedule, () => {
			if (this.finished && !this.running) {
				void this.load();
			}
		});
	}

	protected afterAction(): void {}

	/** Answers are written before the next card shows: nothing is ever left to land. */
	protected writesLanded(): Promise<boolean> {
		return Promise.resolve(true);
	}

	load(): Promise<void> {
		return this.#act(() => this.#showNext());
	}

	/**
	 * A change made elsewhere (another tab, a rebuild) shows what is now next, and so does the
	 * clock once a waiting learning card comes due; returns a stop for both.
	 */
	watchChanges(): () => void {
		const stopWake = this.#wake.watch();
		const stop = onTablesChanged(this.db, WATCHED_TABLES, () => {
			if (!this.running && !this.revealed) {
				void this.load();
			}
		});
		return () => {
			stopWake();
			stop();
		};
	}

	/**
	 * Shows what is next. `fresh`: after an answer, an undo or a redo, whatever comes (even the same
	 * card again) shows its question; until then the answered card keeps its answer on screen, so
	 * its question never comes back with a Show answer that the next card would then take away
	 * (a Space pressed in that moment was lost).
	 */
	async #showNext(fresh = false): Promise<void> {
		const now = this.clock();
		const session = await readFilteredSession(this.db, this.filteredId, now);
		// Rebuilt (here or elsewhere): its answers start over, so do their count and the undo and
		// redo steps; the rebuild deleted the preview rows those steps point at.
		if (session && this.deck && session.deck.builtAt !== this.deck.builtAt) {
			this.answeredCount = 0;
			this.undoStack = [];
			this.redoStack = [];
		}
		this.deck = session?.deck;
		this.missing = !session;
		this.progress = session?.progress;
		const card = session?.queue.ready[0];
		this.remaining = session ? { ...queueCounts(session.queue) } : undefined;
		if (!session || !card) {
			this.view = undefined;
			this.intervals = undefined;
			this.revealed = false;
			this.finished = true;
			this.nextDue = session?.queue.waiting[0]?.due.getTime();
			// The session shows a learning card this far ahead of its step, as the queue does.
			const wakeAt = this.nextDue === undefined ? undefined : this.nextDue - SESSION_LEARN_AHEAD_MS;
			this.#wake.set(wakeAt);
			return;
		}
		this.#wake.set(undefined);
		await this.#present(session, await loadCardView(this.db, card), now, fresh);
	}

	async #present(
		session: FilteredSession,
		view: CardView,
		now: Date,
		fresh: boolean
	): Promise<void> {
		const preset = await presetForDeck(this.db, view.card.deckId);
		// The same card shown again (a flag, a change elsewhere) keeps its answer and its time.
		const same = !fresh && this.view?.card.id === view.card.id && this.revealed;
		this.present(view, preset, now, same);
		if (!session.deck.reschedule) {
			this.intervals = PREVIEW_INTERVALS;
		}
	}

	async grade(grade: Grade): Promise<void> {
		const shown = this.view;
		const deck = this.deck;
		if (!shown || !deck || !this.revealed) {
			return;
		}
		await this.#act(async () => {
			if (this.view !== shown) {
				return; // A double press.
			}
			try {
				this.offerUndo(await this.#answer(deck, shown.card, grade));
			} catch (error) {
				if (!(error instanceof StaleCardError)) {
					throw error;
				}
				// Changed elsewhere since it was shown: nothing was written; show what is left.
				await this.#showNext(true);
				this.notice = notAnswered(await getCard(this.db, shown.card.id));
				return;
			}
			this.answeredCount += 1;
			await this.#showNext(true);
		});
	}

	/** Writes the answer (a review, or a preview row); StaleCardError if the card changed. */
	async #answer(
		deck: FilteredDeckRecord,
		card: CardRecord,
		grade: Grade
	): Promise<CustomUndoEntry> {
		const now = this.clock();
		const duration = Math.max(0, now.getTime() - this.shownAt);
		if (deck.reschedule) {
			const review = await answerCard(this.db, {
				cardId: card.id,
				grade,
				now,
				duration,
				shownMtime: card.mtime,
				dayStartHour: this.dayStartHour ?? (await getDayStartHour(this.db)),
				reviewId: newId()
			});
			return { kind: 'answer', reviewId: review.id };
		}
		const id = newId();
		const preset = await presetForDeck(this.db, card.deckId);
		const preview = {
			id,
			cardId: card.id,
			deckId: card.deckId,
			filteredId: deck.id,
			rating: grade,
			answeredAt: now,
			// Capped like a review's time (the preset's maximum answer seconds).
			duration: recordedAnswerMs(duration, preset)
		};
		await recordPreview(this.db, preview, card.mtime);
		return { kind: 'preview', id };
	}

	async undo(): Promise<void> {
		const entry = this.undoStack.at(-1);
		if (!entry) {
			return;
		}
		await this.#act(async () => {
			const now = this.clock();
			if (entry.kind === 'answer') {
				this.undone((await undoAnswerStep(this.db, entry, now)).redo);
			} else if (entry.kind === 'preview') {
				const preview = await undoPreview(this.db, entry.id);
				this.undone(preview && { kind: 'preview', preview });
			} else {
				this.undone((await undoActionStep(this.db, entry, now)).redo);
			}
			if (entry.kind !== 'action') {
				this.answeredCount = Math.max(0, this.answeredCount - 1);
			}
			await this.#showNext(true);
			this.notice = 'Undone.';
		});
	}

	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		await this.#act(async () => this.offerUndo(await this.#runAction(action, card)));
	}

	/** Runs `action` on `card` and shows what comes next; returns its undo step. */
	async #runAction(action: CardAction, card: CardRecord): Promise<CustomUndoEntry> {
		const now = this.clock();
		const snapshot = await snapshotCards(this.db, [card.id]);
		const hour = this.dayStartHour ?? (await getDayStartHour(this.db));
		const done = await runCardAction(this.db, action, card, now, hour);
		await this.#showNext();
		this.notice = done.notice;
		return { kind: 'action', snapshot, cardId: card.id, action };
	}

	/** Gives the last undone step again (storage/answer-redo.ts); refused if its card changed. */
	async redo(): Promise<void> {
		const entry = this.redoStack.at(-1);
		if (!entry) {
			return;
		}
		await this.#act(async () => {
			if (entry.kind === 'action') {
				const card = await cardToRedo(this.db, entry);
				this.redone(await this.#runAction(entry.action, card));
			} else {
				if (entry.kind === 'answer') {
					const review = await this.redoAnswer(entry.undone, this.clock());
					if (!review) {
						return;
					}
					this.redone({ kind: 'answer', reviewId: review.id });
				} else {
					await recordPreview(this.db, entry.preview);
					this.redone({ kind: 'preview', id: entry.preview.id });
				}
				this.answeredCount += 1;
				await this.#showNext(true);
			}
			this.notice = 'Redone.';
		});
	}

	async flag(flag: Flag): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		await this.#act(async () => {
			await flagCards(this.db, [card.id], flag, this.clock());
			this.redoStack = []; // A new action: what was undone stays undone.
			await this.#showNext();
			this.notice = flagNotice(flag, await getFlagNames(this.db));
		});
	}

	refresh(): Promise<void> {
		return this.load();
	}

	/** Runs `task` after every action queued before it; a failure shows, with a retry if useful. */
	#act(task: () => Promise<void>): Promise<void> {
		return this.enqueue(() => this.run(task, task));
	}
}
