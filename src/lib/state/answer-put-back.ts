/**
 * Putting the screen back when an answer it already moved past is not stored. The study screen
 * shows the next card before the answer's write lands (state/answer-writes.ts); if that write
 * fails, the screen goes back to the answered card as it was (answer shown) with the error, and
 * the answers given after it, dropped with it, are named in the message. Undo and Redo are as
 * they were before that answer (it was never stored, so it is no step). If the card had been
 * answered in another tab, nothing is lost: only its undo entry goes.
 */
import type { CardView } from '$lib/domain/card-view';
import type { Grade } from '$lib/domain/scheduler';
import type { PlanCounts } from '$lib/storage/queue';
import type { RedoEntry, UndoEntry } from './undo-steps';

/** What the screen shows: kept when an answer is given, to put it back if its write fails. */
export interface Screen {
	view: CardView | undefined;
	revealed: boolean;
	intervals: Record<Grade, string> | undefined;
	remaining: PlanCounts | undefined;
	answeredCount: number;
	undoStack: UndoEntry[];
	/**
	 * What could be redone: the answer cleared it as a new step, but an answer not stored was no
	 * step at all, so the card put back brings it back.
	 */
	redoStack: RedoEntry[];
	/** When the card was shown (ms since epoch): an answer's duration counts from it. */
	shownAt: number;
}

/** What a queued answer's write needs to put its card back if it fails. */
export interface Answered {
	before: Screen;
	shown: CardView;
	grade: Grade;
}

/** A copy of what `from` shows (its fields may change as the next card is shown). */
export function screenOf(from: Screen): Screen {
	const { view, revealed, intervals, remaining, answeredCount, undoStack, redoStack, shownAt } =
		from;
	return { view, revealed, intervals, remaining, answeredCount, undoStack, redoStack, shownAt };
}

/** Shows `screen` on `on` again (a session past its last card is not finished any more). */
export function showScreen(on: Screen & { finished: boolean }, screen: Screen): void {
	Object.assign(on, screenOf(screen), { finished: false });
}

/** The error for a put-back card, naming the `later` answers that were not stored either. */
export function withLaterAnswers(error: string | undefined, later: number): string | undefined {
	if (later <= 0) {
		return error;
	}
	const answers = later === 1 ? 'The answer after it was' : `The ${later} answers after it were`;
	return `${error} ${answers} not saved either: answer them again.`;
}

/** `stack` without the answer whose review row is `reviewId` (it was not stored: no undo). */
export function withoutAnswer(stack: UndoEntry[], reviewId: string): UndoEntry[] {
	return stack.filter((entry) => entry.kind !== 'answer' || entry.reviewId !== reviewId);
}
