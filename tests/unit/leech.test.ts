// The leech rule as Anki's scheduler has it: a lapse fires at the threshold and then every half
// threshold (rounded up) after, only on a new lapse; presets stored before the setting get
// Anki's defaults (8 lapses, tag only); the note is tagged once whatever the tag's case.
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_LEECH,
	isLeechByLapses,
	leechAfterAnswer,
	leechOptions,
	leechThresholdMet,
	withLeechTag
} from '$lib/domain/leech';

const firing = (threshold: number, upTo: number) =>
	Array.from({ length: upTo + 1 }, (_, lapses) => lapses).filter((lapses) =>
		leechThresholdMet(lapses, threshold)
	);

describe('leechThresholdMet', () => {
	it('fires at the threshold and every half threshold after, rounding the half up', () => {
		expect(firing(8, 24)).toEqual([8, 12, 16, 20, 24]);
		expect(firing(3, 9)).toEqual([3, 5, 7, 9]);
		expect(firing(7, 19)).toEqual([7, 11, 15, 19]);
		expect(firing(1, 4)).toEqual([1, 2, 3, 4]);
		expect(firing(2, 5)).toEqual([2, 3, 4, 5]);
	});

	it('never fires for a threshold of 0', () => {
		expect(firing(0, 10)).toEqual([]);
	});
});

describe('leechAfterAnswer', () => {
	const suspendAt4 = { leechThreshold: 4, leechAction: 'suspend' as const };

	it('acts only when the answer added a lapse that meets the threshold', () => {
		expect(leechAfterAnswer({ lapses: 3 }, { lapses: 4 }, suspendAt4)).toBe('suspend');
		expect(leechAfterAnswer({ lapses: 4 }, { lapses: 5 }, suspendAt4)).toBeUndefined();
		expect(leechAfterAnswer({ lapses: 5 }, { lapses: 6 }, suspendAt4)).toBe('suspend');
		// Again in relearning adds no lapse: the card stays as it is, already at 4.
		expect(leechAfterAnswer({ lapses: 4 }, { lapses: 4 }, suspendAt4)).toBeUndefined();
	});

	it('uses Anki’s defaults for a preset stored before the setting existed', () => {
		expect(leechOptions({})).toEqual({ threshold: 8, action: 'tag' });
		expect(DEFAULT_LEECH).toEqual({ threshold: 8, action: 'tag' });
		expect(leechAfterAnswer({ lapses: 7 }, { lapses: 8 }, {})).toBe('tag');
		expect(leechAfterAnswer({ lapses: 6 }, { lapses: 7 }, {})).toBeUndefined();
	});
});

describe('is:leech and the tag', () => {
	it('counts a card as a leech from the threshold on', () => {
		expect(isLeechByLapses(7, 8)).toBe(false);
		expect(isLeechByLapses(8, 8)).toBe(true);
		expect(isLeechByLapses(9, 8)).toBe(true);
		expect(isLeechByLapses(3, 3)).toBe(true);
	});

	it('adds the leech tag once, whatever its case', () => {
		expect(withLeechTag(['verbs'])).toEqual(['verbs', 'leech']);
		expect(withLeechTag(['Leech', 'verbs'])).toBeUndefined();
	});
});
