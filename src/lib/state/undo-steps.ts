/**
 * The undo and redo steps both study sessions share (the daily one, study-session.svelte.ts, and
 * a custom study session): an answer, undone by its review row and given again as it was
 * (storage/answer-redo.ts), and a card action, undone from its snapshot and run again on redo.
 */
import type { CardRecord } from '$lib/domain/model';
import { undoReviewForRedo, type UndoneAnswer } from '$lib/storage/answer-redo';
import { getCard } from '$lib/storage/cards';
import type { EngramDB } from '$lib/storage/db';
import { restoreSnapshot, type CardSnapshot } from '$lib/storage/snapshots';
import type { CardAction } from './study-actions';

/** An answer's undo step: its review row. */
export interface AnswerUndo {
	kind: 'answer';
	reviewId: string;
}

/** A card action's undo step: the card as it was before, and the action to run again. */
export interface ActionUndo {
	kind: 'action';
	snapshot: CardSnapshot;
	cardId: string;
	action: CardAction;
}

/** An undone answer, given again as it was. */
export interface AnswerRedo {
	kind: 'answer';
	undone: UndoneAnswer;
}

/** An undone card action, run again on its card. */
export interface ActionRedo {
	kind: 'action';
	cardId: string;
	action: CardAction;
}

/** An undo step of a session: an answer (by its review row), or a card action's snapshot. */
export type UndoEntry = AnswerUndo | ActionUndo;

/** A redo step: an undone answer (given again as it was), or an undone action (run again). */
export type RedoEntry = AnswerRedo | ActionRedo;

/** Undoes an answer; returns its card as now stored and its redo step (none if it cannot be). */
export async function undoAnswerStep(
	db: EngramDB,
	entry: AnswerUndo,
	now: Date
): Promise<{ card: CardRecord; redo: AnswerRedo | undefined }> {
	const { card, undone } = await undoReviewForRedo(db, entry.reviewId, now);
	return { card, redo: undone && { kind: 'answer', undone } };
}

/** Undoes a card action from its snapshot; returns its card as now stored and its redo step. */
export async function undoActionStep(
	db: EngramDB,
	entry: ActionUndo,
	now: Date
): Promise<{ card: CardRecord | undefined; redo: ActionRedo }> {
	await restoreSnapshot(db, entry.snapshot, now);
	const card = await getCard(db, entry.cardId);
	return { card, redo: { kind: 'action', cardId: entry.cardId, action: entry.action } };
}

/** The card an undone action runs on again; throws when it was deleted since. */
export async function cardToRedo(db: EngramDB, entry: ActionRedo): Promise<CardRecord> {
	const card = await getCard(db, entry.cardId);
	if (!card) {
		throw new Error('Nothing to redo: that card was deleted.');
	}
	return card;
}
