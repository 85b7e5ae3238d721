/**
 * ts-fsrs's `Rating` and `State` enums as plain constants with the same values and types. The
 * queue, presets and deck list use them on the first screen; importing them from ts-fsrs would
 * load the whole scheduler library (~7 KiB gzip) before the first card is needed.
 * tests/unit/fsrs-copies.test.ts checks that the values match the library's.
 */
import type { Rating as FsrsRating, State as FsrsState } from 'ts-fsrs';

export const State = {
	New: 0 as FsrsState.New,
	Learning: 1 as FsrsState.Learning,
	Review: 2 as FsrsState.Review,
	Relearning: 3 as FsrsState.Relearning
} as const;
export type State = FsrsState;

export const Rating = {
	Manual: 0 as FsrsRating.Manual,
	Again: 1 as FsrsRating.Again,
	Hard: 2 as FsrsRating.Hard,
	Good: 3 as FsrsRating.Good,
	Easy: 4 as FsrsRating.Easy
} as const;
export type Rating = FsrsRating;
