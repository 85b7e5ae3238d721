/**
 * One study session on one deck: the current card, whether its answer is shown, the grade
 * buttons' intervals, an undo stack of the answers given in this session, and what went wrong
 * if a write failed (with a retry when retrying can help).
 */
import type { CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import { formatDueIn } from '$lib/domain/interval-format';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import { answerCard, undoReview } from '$lib/storage/answers';
import { unburyExpired } from '$lib/storage/card-actions';
import { loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { canRetry, classifyWriteError, describeWriteError } from '$lib/storage/errors';
import { requestPersistence, type PersistentStorage } from '$lib/storage/persistence';
import { nextCard, nextDueAt, presetForDeck } from '$lib/storage/queue';
import { getDayStartHour } from '$lib/storage/study-settings';

export type Clock = () => Date;

const systemClock: Clock = () => new Date();

function browserStorage(): PersistentStorage | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export class StudySession {
	view = $state<CardView | undefined>(undefined);
	revealed = $state(false);
	intervals = $state<Record<Grade, string> | undefined>(undefined);
	finished = $state(false);
	/** When the next card becomes due (ms since epoch), once the session is finished. */
	nextDue = $state<number | undefined>(undefined);
	answeredCount = $state(0);
	/** A failure the user must know about (nothing was saved). */
	error = $state<string | undefined>(undefined);
	/** Something that happened without loss, e.g. the card was answered in another tab. */
	notice = $state<string | undefined>(undefined);
	busy = $state(false);
	undoStack = $state<string[]>([]);

	#shownAt = 0;
	#retry: (() => Promise<void>) | undefined = undefined;
	canRetry = $state(false);

	constructor(
		private readonly db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock,
		private readonly storage: () => PersistentStorage | undefined = browserStorage
	) {}

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
		await this.#run(
			() => this.#loadNext(),
			() => this.load()
		);
	}

	async #loadNext(): Promise<void> {
		const now = this.clock();
		const dayStartHour = await getDayStartHour(this.db);
		await unburyExpired(this.db, now);
		const card = await nextCard(this.db, this.deckId, now, dayStartHour);
		if (card) {
			await this.#show(card, now);
			return;
		}
		this.view = undefined;
		this.intervals = undefined;
		this.revealed = false;
		this.finished = true;
		this.nextDue = (await nextDueAt(this.db, this.deckId, now, dayStartHour))?.getTime();
		if (this.answeredCount > 0) {
			// The first finished session is when keeping the data starts to matter.
			await requestPersistence(this.db, this.storage(), now);
		}
	}

	async #show(card: CardRecord, now: Date): Promise<void> {
		const [view, preset] = await Promise.all([
			loadCardView(this.db, card),
			presetForDeck(this.db, this.deckId)
		]);
		const previews = previewGrades(createScheduler(preset), card, now);
		this.intervals = Object.fromEntries(
			GRADES.map((grade) => [grade, formatDueIn(previews[grade].due, now)])
		) as Record<Grade, string>;
		this.view = view;
		this.revealed = false;
		this.finished = false;
		this.#shownAt = now.getTime();
	}

	reveal(): void {
		if (this.view) {
			this.revealed = true;
		}
	}

	async grade(grade: Grade): Promise<void> {
		const view = this.view;
		if (!view || !this.revealed || this.busy) {
			return;
		}
		const attempt = async () => {
			const now = this.clock();
			try {
				const review = await answerCard(this.db, {
					cardId: view.card.id,
					grade,
					now,
					duration: now.getTime() - this.#shownAt,
					shownMtime: view.card.mtime,
					dayStartHour: await getDayStartHour(this.db)
				});
				this.undoStack = [...this.undoStack, review.id];
				this.answeredCount += 1;
			} catch (error) {
				if (classifyWriteError(error) !== 'stale') {
					throw error;
				}
				// Answered in another tab: nothing lost, nothing doubled; say so and move on.
				this.notice = describeWriteError(error);
			}
			await this.#loadNext();
		};
		await this.#run(attempt, attempt);
	}

	async undo(): Promise<void> {
		const reviewId = this.undoStack.at(-1);
		if (!reviewId || this.busy) {
			return;
		}
		const attempt = async () => {
			const card = await undoReview(this.db, reviewId, this.clock());
			this.undoStack = this.undoStack.slice(0, -1);
			this.answeredCount = Math.max(0, this.answeredCount - 1);
			await this.#show(card, this.clock());
		};
		await this.#run(attempt, attempt);
	}

	/** Tries the failed action again (after the user freed space, for example). */
	async retry(): Promise<void> {
		const retry = this.#retry;
		if (retry && !this.busy) {
			await retry();
		}
	}

	async #run(task: () => Promise<void>, retry: () => Promise<void>): Promise<void> {
		this.busy = true;
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
			this.busy = false;
		}
	}
}

/** One sentence about any failure, for screens that show errors (kept for existing callers). */
export function describeError(error: unknown): string {
	return describeWriteError(error);
}
