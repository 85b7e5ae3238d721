/**
 * Putting the screen back after a failed answer write: the screen as it was when the answer was
 * given comes back whole (not the fields the next card changed since), the error names the
 * answers dropped after it, and an answer stored by another tab leaves the undo stack.
 */
import { describe, expect, it } from 'vitest';
import type { CardView } from '$lib/domain/card-view';
import {
	screenOf,
	showScreen,
	withLaterAnswers,
	withoutAnswer,
	type Screen
} from '$lib/state/answer-put-back';
import type { UndoEntry } from '$lib/state/undo-steps';

const view = (id: string) => ({ card: { id } }) as unknown as CardView;

function shown(id: string, answeredCount: number, undoStack: UndoEntry[]): Screen {
	return {
		view: view(id),
		revealed: true,
		intervals: { 1: '1m', 2: '6m', 3: '10m', 4: '4d' },
		remaining: { new: 5, learning: 1, review: 3 },
		answeredCount,
		undoStack,
		redoStack: [],
		shownAt: 1000 * answeredCount
	};
}

describe('answer put-back', () => {
	it('shows the screen kept when the answer was given, as it was then', () => {
		const answer: UndoEntry = { kind: 'answer', reviewId: 'r1' };
		const session = { ...shown('a', 2, []), finished: false };
		const before = screenOf(session);
		// The next cards are shown and answered meanwhile.
		Object.assign(session, shown('b', 4, [answer, { kind: 'answer', reviewId: 'r2' }]), {
			revealed: false,
			finished: true
		});
		showScreen(session, before);
		expect(session).toEqual({ ...shown('a', 2, []), finished: false });
	});

	it('names the answers dropped after the failed one', () => {
		expect(withLaterAnswers('Not saved: the disk is full.', 0)).toBe(
			'Not saved: the disk is full.'
		);
		expect(withLaterAnswers('Not saved.', 1)).toBe(
			'Not saved. The answer after it was not saved either: answer them again.'
		);
		expect(withLaterAnswers('Not saved.', 3)).toBe(
			'Not saved. The 3 answers after it were not saved either: answer them again.'
		);
	});

	it('drops only the answer stored elsewhere from the undo stack', () => {
		const stack: UndoEntry[] = [
			{ kind: 'answer', reviewId: 'r1' },
			{ kind: 'action', snapshot: { cards: [], notes: [] } as never, cardId: 'r2', action: 'bury' },
			{ kind: 'answer', reviewId: 'r2' }
		];
		expect(withoutAnswer(stack, 'r2')).toEqual(stack.slice(0, 2));
		expect(withoutAnswer(stack, 'none')).toEqual(stack);
	});
});
