/**
 * The FSRS state of a card nobody has studied yet, exactly as ts-fsrs's `createEmptyCard` makes
 * it (tests/unit/fsrs-copies.test.ts compares them). Seeding the bundled deck on a first visit
 * needs only this, so the first screen does not load the scheduler library for it.
 */
import type { Card } from 'ts-fsrs';
import { State } from './fsrs-enums';

export function newCardState(now: Date): Card {
	return {
		due: now,
		stability: 0,
		difficulty: 0,
		elapsed_days: 0,
		scheduled_days: 0,
		reps: 0,
		lapses: 0,
		learning_steps: 0,
		state: State.New,
		last_review: undefined
	};
}
