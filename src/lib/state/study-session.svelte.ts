/**
 * One study session on one deck, on the study screen's state and action queue
 * (study-screen.svelte.ts). It is built in layers, one job each: what is shown and the lookahead
 * that plans the next card while one is on screen (session-lookahead.svelte.ts), the answer path
 * (session-answers.svelte.ts), and here the steps a user can take back: the menu's card actions,
 * undo and redo (undo-steps.ts, shared with a custom study session). An undo or a menu action
 * waits for the answers' queued writes.
 */
import { flagNotice } from '$lib/domain/flags';
import type { CardRecord } from '$lib/domain/model';
import { flagCards, type Flag } from '$lib/storage/card-actions';
import { getFlagNames } from '$lib/storage/flag-names';
import { snapshotCards } from '$lib/storage/snapshots';
import { SessionAnswers } from './session-answers.svelte';
import { runCardAction, type CardAction } from './study-actions';
import { cardToRedo, undoActionStep, undoAnswerStep, type UndoEntry } from './undo-steps';

export type { CardAction };

export class StudySession extends SessionAnswers {
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
		const hour = await this.kept.dayStartHour();
		const done = await runCardAction(this.db, action, card, now, hour);
		if (done.movesOn) {
			// Rare enough to count again rather than follow each action's effect on the count.
			this.kept.learning.forget();
			await this.loadNext();
		} else {
			await this.reshow();
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
			await this.reshow();
			this.notice = flagNotice(flag, await getFlagNames(this.db));
		};
		await this.inOrder(attempt);
	}

	/** Shows the current card again from storage (after an edit), keeping the answer shown. */
	async refresh(): Promise<void> {
		await this.inOrder(() => this.reshow());
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
				const step = await undoAnswerStep(this.db, entry, now);
				card = step.card;
				this.answeredCount = Math.max(0, this.answeredCount - 1);
				this.kept.moveProgress(card.state, -1);
				this.undone(step.redo);
			} else {
				const step = await undoActionStep(this.db, entry, now);
				card = step.card;
				this.undone(step.redo);
			}
			this.kept.learning.forget();
			const plan = await this.kept.plan(now);
			this.remaining = this.kept.withLearning(plan.counts, plan.day);
			if (card) {
				// An action that left the card on screen (mark note) puts it back as it is shown:
				// answer still shown, its answer time still running.
				const stayed = entry.kind === 'action' && this.view?.card.id === card.id;
				await this.show(card, now, stayed);
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
				this.kept.forget();
				this.kept.learning.forget();
				await this.loadNext(true);
				this.answeredCount += 1;
			} else {
				const card = await cardToRedo(this.db, entry);
				this.redone(await this.#runAction(entry.action, card));
			}
			this.notice = 'Redone.';
		};
		await this.inOrder(attempt);
	}
}
