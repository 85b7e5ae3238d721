import { createEmptyCard, Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { Rating, State } from '$lib/domain/fsrs-enums';
import { newCardState } from '$lib/domain/new-card-state';
import { NOW } from './helpers';

describe('the first-screen copies of ts-fsrs enums', () => {
	it('have exactly the names and values of ts-fsrs State', () => {
		const library = Object.fromEntries(
			Object.entries(FsrsState).filter(([, value]) => typeof value === 'number')
		);
		expect(State).toEqual(library);
	});

	it('have exactly the names and values of ts-fsrs Rating', () => {
		const library = Object.fromEntries(
			Object.entries(FsrsRating).filter(([, value]) => typeof value === 'number')
		);
		expect(Rating).toEqual(library);
	});
});

describe('the first-screen copy of createEmptyCard', () => {
	it('makes exactly the card ts-fsrs makes', () => {
		expect(newCardState(NOW)).toEqual(createEmptyCard(NOW));
		expect(Object.keys(newCardState(NOW)).sort()).toEqual(Object.keys(createEmptyCard(NOW)).sort());
	});
});
