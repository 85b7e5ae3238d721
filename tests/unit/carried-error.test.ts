/**
 * The study screen's "not saved" error survives the screen being made again after another tab's
 * restore or import ends (state/carried-error.ts), and only then: leaving the screen and coming
 * back, with no journal ended in between, shows nothing; it is shown once, on its own route.
 */
import { describe, expect, it } from 'vitest';
import { carryError, takeCarriedError } from '$lib/state/carried-error';

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
