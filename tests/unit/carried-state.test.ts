/**
 * What a screen shows survives the layout making it again after another tab's restore or import
 * ends (state/carried-state.ts), and only then: the study screen's "not saved" error is shown
 * once, on its own route; a form's state is the same object for the screen made again, whichever
 * of the old screen's teardown and the new one's making comes first, and a screen opened anew
 * (leaving and coming back with no journal ended in between) starts afresh.
 */
import { describe, expect, it } from 'vitest';
import {
	carryError,
	forgetUntaken,
	keepOverRemake,
	leaveKept,
	takeCarriedError
} from '$lib/state/carried-state';

const ERROR = 'A restore or import is running in another tab, so this was not saved.';

describe('an error carried over the screen made again', () => {
	it('is shown by the screen made after a journal ended, once', () => {
		carryError('/study/a', ERROR, 0);
		expect(takeCarriedError('/study/a', 1)).toBe(ERROR);
		expect(takeCarriedError('/study/a', 1)).toBeUndefined();
	});

	it('is not shown when no journal ended since it was seen, nor on another route', () => {
		carryError('/study/a', ERROR, 2);
		expect(takeCarriedError('/study/a', 2)).toBeUndefined();
		carryError('/study/a', ERROR, 2);
		expect(takeCarriedError('/study/b', 3)).toBeUndefined();
		expect(takeCarriedError('/study/a', 3)).toBeUndefined();
	});
});

describe("a form's state kept over the screen made again", () => {
	const fresh = () => ({ typed: '' });

	it('is the same object for the screen made after a journal ended, made first', () => {
		const state = keepOverRemake('form', 0, fresh);
		state.typed = 'half a note';
		// Svelte makes the new screen, then tears the old one down.
		expect(keepOverRemake('form', 1, fresh)).toBe(state);
		leaveKept('form', 0, 1);
		leaveKept('form', 1, 1);
		expect(keepOverRemake('form', 1, fresh)).toEqual({ typed: '' });
	});

	it('is the same object when the old screen is torn down first', () => {
		const state = keepOverRemake('form', 3, fresh);
		leaveKept('form', 3, 4);
		expect(keepOverRemake('form', 4, fresh)).toBe(state);
	});

	it('is made anew for a screen opened again with no journal ended, or under another key', () => {
		const state = keepOverRemake('form', 5, fresh);
		state.typed = 'left behind';
		expect(keepOverRemake('other', 6, fresh)).not.toBe(state);
		leaveKept('form', 5, 5);
		const again = keepOverRemake('form', 6, fresh);
		expect(again).not.toBe(state);
		expect(again.typed).toBe('');
	});
});

describe('state a remade screen left and no successor took', () => {
	const fresh = () => ({ typed: '' });

	it('is forgotten at the next navigation, while what the screens shown now keep stays', () => {
		// A menu's rename refused, then the menu not made again with the screen (its deck gone).
		const left = keepOverRemake('menu', 7, fresh);
		left.typed = 'refused';
		leaveKept('menu', 7, 8);
		const shown = keepOverRemake('page', 8, fresh);
		shown.typed = 'still typing';
		forgetUntaken(8);
		expect(keepOverRemake('menu', 8, fresh)).toEqual({ typed: '' });
		expect(keepOverRemake('page', 9, fresh)).toBe(shown);
	});
});
