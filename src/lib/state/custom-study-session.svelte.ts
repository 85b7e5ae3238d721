/**
 * Studying a custom study session (a filtered deck): its cards one after another, read again
 * from storage after every action (a session is tens of cards, not a day's queue of thousands,
 * so none of the daily session's lookahead is needed). With rescheduling on, an answer is an
 * ordinary review (answerCard, undone by undoReview); with it off, a preview row is written and
 * the card is not touched.
 */
import type { CardView } from '$lib/domain/card-view';
import { queueCounts } from '$lib/domain/custom-study/session-queue';
import type { FilteredDeckRecord } from '$lib/domain/custom-study/filtered';
import { recordedAnswerMs } from '$lib/domain/answer-time';
import { newId } from '$lib/domain/ids';
import { formatDueIn } from '$lib/domain/interval-format';
import { createScheduler, GRADES, previewGrades, Rating, type Grade } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import { flagCards, type Flag } from '$lib/storage/card-actions';
import { loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { describeWriteError } from '$lib/storage/errors';
import {
	readFilteredSession,
	recordPreview,
	undoPreview,
	type FilteredSession
} from '$lib/storage/filtered-session';
import { onTablesChanged } from '$lib/storage/observe';
import { presetForDeck, type PlanCounts } from '$lib/storage/queue';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';
import { getDayStartHour } from '$lib/storage/study-settings';
import { runCardAction, type CardAction } from './study-actions';
import type { StudyController } from './study-controller';

type Clock = () => Date;

const systemClock: Clock = () => new Date();

type UndoEntry =
	| { kind: 'review'; id: string }
	| { kind: 'preview'; id: string }
	| { kind: 'action'; snapshot: CardSnapshot };

/** A preview changes no schedule: the buttons say so instead of showing an interval. */
const PREVIEW_INTERVALS: Record<Grade, string> = {
	[Rating.Again]: 'again soon',
	[Rating.Hard]: 'no change',
	[Rating.Good]: 'no change',
	[Rating.Easy]: 'no change'
};

const WATCHED_TABLES = ['cards', 'reviews', 'notes', 'noteTypes', 'filteredDecks', 'previews'];

export class CustomStudySession implements StudyController {
	view = $state<CardView | undefined>(undefined);
	revealed = $state(false);
	intervals = $state<Record<Grade, string> | undefined>(undefined);
	finished = $state(false);
	nextDue = $state<number | undefined>(undefined);
	remaining = $state<PlanCounts | undefined>(undefined);
	answeredCount = $state(0);
	error = $state<string | undefined>(undefined);
	notice = $state<string | undefined>(undefined);
	busy = $state(false);
	canRetry = false;
	/** The session's record once read; undefined also when it was deleted. */
	deck = $state.raw<FilteredDeckRecord | undefined>(undefined);
	missing = $state(false);
	undoStack = $state.raw<UndoEntry[]>([]);
	#shownAt = 0;
	#running = false;
	#queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: EngramDB,
		readonly filteredId: string,
		private readonly clock: Clock = systemClock,
		private readonly dayStartHour?: number
	) {}

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	load(): Promise<void> {
		return this.#enqueue(() => this.#showNext());
	}

	watchNewerVersion(): () => void {
		return this.db.onNewerVersion(() => (this.error = describeWriteError(undefined, true)));
	}

	/** A change made elsewhere (another tab, a rebuild) shows what is now next. */
	watchChanges(): () => void {
		return onTablesChanged(this.db, WATCHED_TABLES, () => {
			if (!this.#running && !this.revealed) {
				void this.load();
			}
		});
	}

	reveal(): void {
		if (this.view) {
			this.revealed = true;
		}
	}

	async #showNext(): Promise<void> {
		const now = this.clock();
		const session = await readFilteredSession(this.db, this.filteredId, now);
		this.deck = session?.deck;
		this.missing = !session;
		const card = session?.queue.ready[0];
		this.remaining = session ? { ...queueCounts(session.queue) } : undefined;
		if (!session || !card) {
			this.view = undefined;
			this.intervals = undefined;
			this.revealed = false;
			this.finished = true;
			this.nextDue = session?.queue.waiting[0]?.due.getTime();
			return;
		}
		await this.#present(session, await loadCardView(this.db, card), now);
	}

	async #present(session: FilteredSession, view: CardView, now: Date): Promise<void> {
		if (session.deck.reschedule) {
			const scheduler = createScheduler(await presetForDeck(this.db, view.card.deckId));
			const previews = previewGrades(scheduler, view.card, now);
			this.intervals = Object.fromEntries(
				GRADES.map((grade) => [grade, formatDueIn(previews[grade].due, now)])
			) as Record<Grade, string>;
		} else {
			this.intervals = PREVIEW_INTERVALS;
		}
		const same = this.view?.card.id === view.card.id;
		this.view = view;
		this.finished = false;
		if (!same || !this.revealed) {
			this.revealed = false;
			this.#shownAt = now.getTime();
		}
	}

	async grade(grade: Grade): Promise<void> {
		const shown = this.view;
		const deck = this.deck;
		if (!shown || !deck || !this.revealed) {
			return;
		}
		await this.#enqueue(async () => {
			if (this.view !== shown) {
				return; // A double press.
			}
			const now = this.clock();
			const duration = Math.max(0, now.getTime() - this.#shownAt);
			const card = shown.card;
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
				this.undoStack = [...this.undoStack, { kind: 'review', id: review.id }];
			} else {
				const id = newId();
				const preset = await presetForDeck(this.db, card.deckId);
				await recordPreview(this.db, {
					id,
					cardId: card.id,
					deckId: card.deckId,
					filteredId: deck.id,
					rating: grade,
					answeredAt: now,
					// Capped like a review's time (the preset's maximum answer seconds).
					duration: recordedAnswerMs(duration, preset)
				});
				this.undoStack = [...this.undoStack, { kind: 'preview', id }];
			}
			this.answeredCount += 1;
			this.revealed = false;
			await this.#showNext();
		});
	}

	async undo(): Promise<void> {
		const entry = this.undoStack.at(-1);
		if (!entry) {
			return;
		}
		await this.#enqueue(async () => {
			const now = this.clock();
			if (entry.kind === 'review') {
				await undoReview(this.db, entry.id, now);
			} else if (entry.kind === 'preview') {
				await undoPreview(this.db, entry.id);
			} else {
				await restoreSnapshot(this.db, entry.snapshot, now);
			}
			if (entry.kind !== 'action') {
				this.answeredCount = Math.max(0, this.answeredCount - 1);
			}
			this.undoStack = this.undoStack.slice(0, -1);
			this.revealed = false;
			await this.#showNext();
			this.notice = 'Undone.';
		});
	}

	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		await this.#enqueue(async () => {
			const now = this.clock();
			const snapshot = await snapshotCards(this.db, [card.id]);
			const hour = this.dayStartHour ?? (await getDayStartHour(this.db));
			const done = await runCardAction(this.db, action, card, now, hour);
			this.undoStack = [...this.undoStack, { kind: 'action', snapshot }];
			await this.#showNext();
			this.notice = done.notice;
		});
	}

	async flag(flag: Flag): Promise<void> {
		const card = this.view?.card;
		if (!card) {
			return;
		}
		await this.#enqueue(async () => {
			await flagCards(this.db, [card.id], flag, this.clock());
			await this.#showNext();
			this.notice = flag === 0 ? 'Flag removed.' : 'Card flagged.';
		});
	}

	refresh(): Promise<void> {
		return this.#enqueue(() => this.#showNext());
	}

	/** Nothing to retry: a failed action leaves the card on screen to answer again. */
	async retry(): Promise<void> {}

	/** Runs `task` after every action queued before it; a failure shows and stops nothing. */
	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(async () => {
			this.#running = true;
			this.busy = true;
			this.error = undefined;
			this.notice = undefined;
			try {
				await task();
			} catch (error) {
				this.error = describeWriteError(error, this.db.newerVersionOpened);
			} finally {
				this.#running = false;
				this.busy = false;
			}
		});
		this.#queue = run;
		return run;
	}
}
