/**
 * One study session on one deck: the current card, whether its answer is shown, the grade
 * buttons' intervals, the counts still due, an undo stack of what was done in this session
 * (answers, and card actions kept as snapshots), and what went wrong if a write failed (with a
 * retry when retrying can help).
 */
import type { CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import { formatDueIn } from '$lib/domain/interval-format';
import { studyDay } from '$lib/domain/study-day';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import {
	buryCards,
	flagCards,
	resetCards,
	suspendCards,
	unburyExpired,
	type Flag
} from '$lib/storage/card-actions';
import { getCard, loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { canRetry, classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { requestPersistence, type PersistentStorage } from '$lib/storage/persistence';
import { dueCounts, nextCard, nextDueAt, presetForDeck, type DueCounts } from '$lib/storage/queue';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';
import { getDayStartHour } from '$lib/storage/study-settings';

export type Clock = () => Date;

const systemClock: Clock = () => new Date();

/**
 * Awaits `task` and records its duration as a User Timing measure (`engram:<name>`), which
 * `npm run bench` and the browser's performance panel read. Cheap: one entry per call.
 */
async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
	const start = performance.now();
	const result = await task();
	performance.measure(`engram:${name}`, { start });
	return result;
}

function browserStorage(): PersistentStorage | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/** Actions quicker than this never show the busy state (disabled buttons). */
const BUSY_AFTER_MS = 150;

export type CardAction = 'suspend' | 'bury' | 'reset';

type UndoEntry =
	{ kind: 'answer'; reviewId: string } | { kind: 'action'; snapshot: CardSnapshot; cardId: string };

const ACTION_DONE: Record<CardAction, string> = {
	suspend: 'Card suspended.',
	bury: 'Card buried until tomorrow.',
	reset: 'Card reset to new.'
};

export class StudySession {
	view = $state<CardView | undefined>(undefined);
	revealed = $state(false);
	intervals = $state<Record<Grade, string> | undefined>(undefined);
	finished = $state(false);
	/** When the next card becomes due (ms since epoch), once the session is finished. */
	nextDue = $state<number | undefined>(undefined);
	/** Cards still due today in this deck, for the counts above the card. */
	remaining = $state<DueCounts | undefined>(undefined);
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
	/** Guards against a second action while one runs, without re-rendering (unlike `busy`). */
	#running = false;
	#retry: (() => Promise<void>) | undefined = undefined;
	canRetry = $state(false);

	constructor(
		private readonly db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock,
		/** The hour the study day starts; undefined reads the collection's setting. */
		private readonly dayStartHour?: number,
		private readonly storage: () => PersistentStorage | undefined = browserStorage
	) {}

	async #dayStartHour(): Promise<number> {
		return (this.#knownDayStartHour ??= this.dayStartHour ?? (await getDayStartHour(this.db)));
	}

	/** Shows the reload message as soon as a newer tab takes the database; returns a stop. */
	watchNewerVersion(): () => void {
		return this.db.onNewerVersion(() => {
			this.error = describeWriteError(undefined, true);
			this.canRetry = false;
			this.#retry = undefined;
		});
	}

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	async load(): Promise<void> {
		const reload = async () => {
			this.#knownDayStartHour = undefined;
			await this.#loadNext();
		};
		await this.#run(reload, reload);
	}

	/** Once per study day, not per card: it reads every buried card in the collection. */
	async #unburyOncePerDay(now: Date, dayStartHour: number): Promise<void> {
		const day = studyDay(now, dayStartHour).start.getTime();
		if (this.#unburiedDay !== day) {
			await timed('unbury', () => unburyExpired(this.db, now));
			this.#unburiedDay = day;
		}
	}

	async #loadNext(answeredNow = false): Promise<void> {
		const now = this.clock();
		const dayStartHour = await this.#dayStartHour();
		await this.#unburyOncePerDay(now, dayStartHour);
		const [card, remaining] = await timed('next-card', () =>
			Promise.all([
				nextCard(this.db, this.deckId, now, dayStartHour),
				dueCounts(this.db, this.deckId, now, dayStartHour)
			])
		);
		this.remaining = remaining;
		if (card) {
			await this.#show(card, now);
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
		const [view, preset] = await timed('card-view', () =>
			Promise.all([loadCardView(this.db, card), presetForDeck(this.db, card.deckId)])
		);
		const previews = previewGrades(createScheduler(preset), card, now);
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

	async grade(grade: Grade): Promise<void> {
		const view = this.view;
		if (!view || !this.revealed || this.busy || this.#running) {
			return;
		}
		const attempt = async () => {
			const now = this.clock();
			let reviewId: string | undefined;
			try {
				const dayStartHour = await this.#dayStartHour();
				const review = await timed('answer', () =>
					answerCard(this.db, {
						cardId: view.card.id,
						grade,
						now,
						duration: now.getTime() - this.#shownAt,
						shownMtime: view.card.mtime,
						dayStartHour
					})
				);
				reviewId = review.id;
			} catch (error) {
				if (classifyWriteError(error) !== 'stale') {
					throw error;
				}
				// Answered in another tab: nothing lost, nothing doubled; say so and move on.
				this.notice = describeWriteError(error);
			}
			await this.#loadNext(reviewId !== undefined);
			// Counted once the next card is ready, so the screen changes once: one render, one paint.
			if (reviewId) {
				this.undoStack = [...this.undoStack, { kind: 'answer', reviewId }];
				this.answeredCount += 1;
			}
		};
		await this.#run(attempt, attempt);
	}

	/** Suspends, buries or resets the current card, then moves on; undoable. */
	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card || this.busy || this.#running) {
			return;
		}
		const attempt = async () => {
			const now = this.clock();
			const snapshot = await snapshotCards(this.db, [card.id]);
			if (action === 'suspend') {
				await suspendCards(this.db, [card.id], now);
			} else if (action === 'bury') {
				await buryCards(this.db, [card.id], now, await this.#dayStartHour());
			} else {
				await resetCards(this.db, [card.id], now);
			}
			this.undoStack = [...this.undoStack, { kind: 'action', snapshot, cardId: card.id }];
			await this.#loadNext();
			this.notice = ACTION_DONE[action];
		};
		await this.#run(attempt, attempt);
	}

	async flag(flag: Flag): Promise<void> {
		const card = this.view?.card;
		if (!card || this.busy || this.#running) {
			return;
		}
		const attempt = async () => {
			await flagCards(this.db, [card.id], flag, this.clock());
			await this.#reshow();
			this.notice = flag === 0 ? 'Flag removed.' : 'Card flagged.';
		};
		await this.#run(attempt, attempt);
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	async refresh(): Promise<void> {
		await this.#run(
			() => this.#reshow(),
			() => this.refresh()
		);
	}

	async #reshow(): Promise<void> {
		const id = this.view?.card.id;
		const card = id ? await getCard(this.db, id) : undefined;
		if (card && (card.queue === 'new' || card.queue === 'learning' || card.queue === 'review')) {
			await this.#show(card, this.clock(), true);
		} else {
			// The edit removed this card (a cloze number deleted): go on with the next one.
			await this.#loadNext();
		}
	}

	async undo(): Promise<void> {
		const entry = this.undoStack.at(-1);
		if (!entry || this.busy || this.#running) {
			return;
		}
		const attempt = async () => {
			const now = this.clock();
			let card: CardRecord | undefined;
			if (entry.kind === 'answer') {
				card = await undoReview(this.db, entry.reviewId, now);
				this.answeredCount = Math.max(0, this.answeredCount - 1);
			} else {
				await restoreSnapshot(this.db, entry.snapshot, now);
				card = await getCard(this.db, entry.cardId);
			}
			this.undoStack = this.undoStack.slice(0, -1);
			this.remaining = await dueCounts(this.db, this.deckId, now, await this.#dayStartHour());
			if (card) {
				await this.#show(card, now);
			}
			this.notice = 'Undone.';
		};
		await this.#run(attempt, attempt);
	}

	/** Tries the failed action again (after the user freed space, for example). */
	async retry(): Promise<void> {
		const retry = this.#retry;
		if (retry && !this.busy && !this.#running) {
			await retry();
		}
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
		}
	}
}
