/**
 * One study session on one deck: the current card, whether its answer is shown, the grade
 * buttons' intervals, the counts still due, and an undo stack of what was done in this session:
 * answers, and card actions (suspend, bury, reset, flag) kept as snapshots.
 */
import type { CardView } from '$lib/domain/card-view';
import type { CardRecord } from '$lib/domain/model';
import { formatDueIn } from '$lib/domain/interval-format';
import { createScheduler, GRADES, previewGrades, type Grade } from '$lib/domain/scheduler';
import { answerCard, StaleCardError, undoReview } from '$lib/storage/answers';
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
import {
	dueCounts,
	nextCard,
	nextDueAfter,
	presetForDeck,
	type DueCounts
} from '$lib/storage/queue';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';

export type Clock = () => Date;

// A clock reading, never mutated: no reactivity needed.
const systemClock: Clock = () => new Date();

export type CardAction = 'suspend' | 'bury' | 'reset';

type UndoEntry =
	| { kind: 'answer'; reviewId: string }
	| { kind: 'action'; snapshot: CardSnapshot; cardId: string; label: string };

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
	remaining = $state<DueCounts | undefined>(undefined);
	answeredCount = $state(0);
	againCount = $state(0);
	/** A short message about the last action, for the status line. */
	notice = $state<string | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	busy = $state(false);
	// Raw: snapshots go back to IndexedDB, which cannot store Svelte proxies.
	undoStack = $state.raw<UndoEntry[]>([]);

	#shownAt = 0;
	#started = false;

	constructor(
		private readonly db: EngramDB,
		readonly deckId: string,
		private readonly clock: Clock = systemClock,
		private readonly dayStartHour?: number
	) {}

	get canUndo(): boolean {
		return this.undoStack.length > 0 && !this.busy;
	}

	async load(): Promise<void> {
		const now = this.clock();
		if (!this.#started) {
			this.#started = true;
			await unburyExpired(this.db, now);
		}
		const [card, remaining] = await Promise.all([
			nextCard(this.db, this.deckId, now, this.dayStartHour),
			dueCounts(this.db, this.deckId, now, this.dayStartHour)
		]);
		this.remaining = remaining;
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

	async #show(card: CardRecord, now: Date, keepRevealed = false): Promise<void> {
		const [view, preset] = await Promise.all([
			loadCardView(this.db, card),
			presetForDeck(this.db, this.deckId)
		]);
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
		if (!view || !this.revealed || this.busy) {
			return;
		}
		await this.#run(async () => {
			const now = this.clock();
			try {
				const review = await answerCard(this.db, {
					cardId: view.card.id,
					grade,
					now,
					duration: now.getTime() - this.#shownAt,
					shownMtime: view.card.mtime
				});
				this.undoStack = [...this.undoStack, { kind: 'answer', reviewId: review.id }];
				// Counted once the next card is on screen, so the count and the card change together.
				await this.load();
				this.answeredCount += 1;
				this.againCount += grade === 1 ? 1 : 0;
			} catch (error) {
				if (!(error instanceof StaleCardError)) {
					throw error;
				}
				await this.load();
			}
		});
	}

	/** Suspends, buries or resets the current card, then moves on; undoable. */
	async act(action: CardAction): Promise<void> {
		const card = this.view?.card;
		if (!card || this.busy) {
			return;
		}
		await this.#run(async () => {
			const now = this.clock();
			const snapshot = await snapshotCards(this.db, [card.id]);
			if (action === 'suspend') {
				await suspendCards(this.db, [card.id], now);
			} else if (action === 'bury') {
				await buryCards(this.db, [card.id], now, this.dayStartHour);
			} else {
				await resetCards(this.db, [card.id], now);
			}
			this.undoStack = [
				...this.undoStack,
				{ kind: 'action', snapshot, cardId: card.id, label: ACTION_DONE[action] }
			];
			this.notice = ACTION_DONE[action];
			await this.load();
		});
	}

	async flag(flag: Flag): Promise<void> {
		const card = this.view?.card;
		if (!card || this.busy) {
			return;
		}
		await this.#run(async () => {
			await flagCards(this.db, [card.id], flag, this.clock());
			this.notice = flag === 0 ? 'Flag removed.' : 'Card flagged.';
			await this.refresh();
		});
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	async refresh(): Promise<void> {
		const id = this.view?.card.id;
		const card = id ? await getCard(this.db, id) : undefined;
		if (card && (card.queue === 'new' || card.queue === 'learning' || card.queue === 'review')) {
			await this.#show(card, this.clock(), true);
		} else {
			// The edit removed this card (a cloze number deleted): go on with the next one.
			await this.load();
		}
	}

	async undo(): Promise<void> {
		const entry = this.undoStack.at(-1);
		if (!entry || this.busy) {
			return;
		}
		await this.#run(async () => {
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
			this.notice = 'Undone.';
			this.remaining = await dueCounts(this.db, this.deckId, now, this.dayStartHour);
			if (card) {
				await this.#show(card, now);
			}
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
