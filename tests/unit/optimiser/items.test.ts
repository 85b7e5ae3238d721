import { describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import {
	cardHistories,
	countTrainingItems,
	packItems,
	studyDaysBetween,
	trainingItems,
	type ReviewEvent
} from '$lib/domain/optimiser/items';

/** Local time, as the study day (starting 4 am) is local. */
function at(day: number, hour: number, minute = 0): number {
	return new Date(2026, 2, day, hour, minute).getTime();
}

function r(cardId: string, rating: Rating, state: State, time: number): ReviewEvent {
	return { cardId, rating, state, review: time };
}

// Card A: learnt on the 10th (two same-day steps), reviewed on the 11th, forgotten at 2 am on the
// 14th (which is still study day 13), relearnt ten minutes later, reviewed on the 20th; one manual
// entry in between. Card B only has reviews (imported without learning). Card C was reset.
const history: ReviewEvent[] = [
	r('A', Rating.Good, State.New, at(10, 9)),
	r('A', Rating.Good, State.Learning, at(10, 9, 10)),
	r('C', Rating.Good, State.New, at(1, 9)),
	r('A', Rating.Good, State.Review, at(11, 10)),
	r('B', Rating.Good, State.Review, at(5, 9)),
	r('B', Rating.Good, State.Review, at(9, 9)),
	r('A', Rating.Manual, State.Review, at(12, 9)),
	r('A', Rating.Again, State.Review, at(14, 2)),
	r('A', Rating.Good, State.Relearning, at(14, 2, 10)),
	r('C', Rating.Good, State.Review, at(5, 9)),
	r('C', Rating.Again, State.New, at(8, 9)),
	r('C', Rating.Good, State.Learning, at(8, 9, 1)),
	r('A', Rating.Good, State.Review, at(20, 9)),
	r('C', Rating.Good, State.Review, at(10, 9))
];

const review = (rating: number, deltaT: number) => ({ rating, deltaT });

describe('optimiser training items', () => {
	it('counts whole study days, with the day starting at 4 am', () => {
		expect(studyDaysBetween(at(11, 10), at(14, 2), 4)).toBe(2);
		expect(studyDaysBetween(at(14, 2), at(14, 2, 10), 4)).toBe(0);
		expect(studyDaysBetween(at(13, 23), at(14, 5), 4)).toBe(1);
		expect(studyDaysBetween(at(13, 23), at(14, 5), 0)).toBe(1);
		expect(studyDaysBetween(at(14, 1), at(14, 3), 0)).toBe(0);
	});

	it('builds one history per card since its last start as new, skipping cards never new', () => {
		expect(cardHistories(history, 4)).toEqual([
			[review(3, 0), review(3, 0), review(3, 1), review(1, 2), review(3, 0), review(3, 7)],
			[review(1, 0), review(3, 0), review(3, 2)]
		]);
	});

	it('makes one item per prefix ending on a later day, as fsrs-rs trains', () => {
		const items = trainingItems(cardHistories(history, 4));
		expect(items).toEqual([
			[review(3, 0), review(3, 0), review(3, 1)],
			[review(3, 0), review(3, 0), review(3, 1), review(1, 2)],
			[review(3, 0), review(3, 0), review(3, 1), review(1, 2), review(3, 0), review(3, 7)],
			[review(1, 0), review(3, 0), review(3, 2)]
		]);
		expect(countTrainingItems(cardHistories(history, 4))).toBe(4);
	});

	it('groups same-day answers by the day start it is given', () => {
		// Learnt at 11 pm, reviewed at 2 am, then at 9 am: with the day starting at 4 am the 2 am
		// answer is still the evening's day (a short-term step, not a target); with midnight it is
		// a day later, and the 9 am one is then on the same day as it.
		const night = [
			r('N', Rating.Good, State.New, at(10, 23)),
			r('N', Rating.Good, State.Learning, at(11, 2)),
			r('N', Rating.Good, State.Review, at(11, 9))
		];
		expect(cardHistories(night, 4)).toEqual([[review(3, 0), review(3, 0), review(3, 1)]]);
		expect(cardHistories(night, 0)).toEqual([[review(3, 0), review(3, 1), review(3, 0)]]);
		expect(countTrainingItems(cardHistories(night, 4))).toBe(1);
		expect(trainingItems(cardHistories(night, 0))).toEqual([[review(3, 0), review(3, 1)]]);
	});

	it('packs items into the flat arrays fsrs-browser takes', () => {
		const packed = packItems(trainingItems(cardHistories(history, 4)));
		expect([...packed.lengths]).toEqual([3, 4, 6, 3]);
		expect([...packed.ratings]).toEqual([3, 3, 3, 3, 3, 3, 1, 3, 3, 3, 1, 3, 3, 1, 3, 3]);
		expect([...packed.deltaTs]).toEqual([0, 0, 1, 0, 0, 1, 2, 0, 0, 1, 2, 0, 7, 0, 0, 2]);
	});
});
