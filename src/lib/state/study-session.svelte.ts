/**
 * One study session on one deck: the current card, whether its answer is shown, the grade
 * buttons' intervals, and an undo stack of the answers given in this session.
 */
import type { CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import { formatDueIn } from '$lib/domain/interval-format';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import { answerCard, StaleCardError, undoReview } from '$lib/storage/answers';
import { loadCardView } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { nextCard, nextDueAfter, presetForDeck } from '$lib/storage/queue';

export type Clock = () => Date;

// A clock reading, never mutated: no reactivity needed.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
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

export class StudySession {
	view = $state<CardView | undefined>(undefined);
	revealed = $state(false);
	intervals = $state<Record<Grade, string> | undefined>(undefined);
	finished = $state(false);
	/** When the next card becomes due (ms since epoch), once the session is finished. */
	nextDue = $state<number | undefined>(undefined);
	answeredCount = $state(0);
	error = $state<string | undefined>(undefined);
	busy = $state(false);
	undoStack = $state<string[]>([]);

	#shownAt = 0;

	constructor(
		private readonly db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock
	) {}

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	async load(): Promise<void> {
		const now = this.clock();
		const card = await timed('next-card', () => nextCard(this.db, this.deckId, now));
		if (!card) {
			this.view = undefined;
			this.intervals = undefined;
			this.revealed = false;
			this.finished = true;
			this.nextDue = (await nextDueAfter(this.db, this.deckId, now))?.getTime();
			return;
		}
		await this.#show(card, now);
	}

	async #show(card: CardRecord, now: Date): Promise<void> {
		const [view, preset] = await timed('card-view', () =>
			Promise.all([loadCardView(this.db, card), presetForDeck(this.db, this.deckId)])
		);
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
		await this.#run(async () => {
			const now = this.clock();
			try {
				const review = await timed('answer', () =>
					answerCard(this.db, {
						cardId: view.card.id,
						grade,
						now,
						duration: now.getTime() - this.#shownAt,
						shownMtime: view.card.mtime
					})
				);
				this.undoStack = [...this.undoStack, review.id];
				this.answeredCount += 1;
			} catch (error) {
				if (!(error instanceof StaleCardError)) {
					throw error;
				}
			}
			await this.load();
		});
	}

	async undo(): Promise<void> {
		const reviewId = this.undoStack.at(-1);
		if (!reviewId || this.busy) {
			return;
		}
		await this.#run(async () => {
			const card = await undoReview(this.db, reviewId, this.clock());
			this.undoStack = this.undoStack.slice(0, -1);
			this.answeredCount = Math.max(0, this.answeredCount - 1);
			await this.#show(card, this.clock());
		});
	}

	async #run(task: () => Promise<void>): Promise<void> {
		this.busy = true;
		this.error = undefined;
		try {
			await task();
		} catch (error) {
			this.error = describeError(error);
		} finally {
			this.busy = false;
		}
	}
}

export function describeError(error: unknown): string {
	if (error instanceof Error && error.name === 'QuotaExceededError') {
		return 'Your device is out of storage space, so this answer was not saved. Free some space and try again.';
	}
	return error instanceof Error ? error.message : String(error);
}
