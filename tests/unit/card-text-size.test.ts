/** The card text size: a whole percentage from 80 to 200, anything else the default 100. */
import { describe, expect, it } from 'vitest';
import { cardTextSize } from '$lib/state/card-text-size.svelte';

describe('card text size', () => {
	it('keeps whole percentages in range and falls back to 100 otherwise', () => {
		expect([80, 150, 200, '120'].map(cardTextSize)).toEqual([80, 150, 200, 120]);
		expect([79, 201, 12.5, 'big', '', null, undefined].map(cardTextSize)).toEqual([
			100, 100, 100, 100, 100, 100, 100
		]);
	});
});
