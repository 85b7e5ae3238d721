/**
 * Today's learning count: counted up to a cap through the index, kept by the study session and
 * moved by its answers, counted again once a count over the cap could have come under it.
 */
import { describe, expect, it } from 'vitest';
import { LEARNING_COUNT_CAP, formatLearningCount } from '$lib/domain/queue-policy';
import { State } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { LEARNING_COUNT_BOUND, LearningDue } from '$lib/state/learning-due';
import { countLearningDue, dueCounts, studyScope } from '$lib/storage/queue';
import { countReads, type ReadCounter } from './read-counter';
import { emptyDeckDb, makeCard, NOW } from './helpers';

const MINUTE = 60_000;
const DAY_START = studyDay(NOW).start.getTime();

/** A LearningDue whose counts begin at once and whose `count` answers `value`. */
function counted(value: number) {
	const due = new LearningDue(() => Promise.resolve());
	let calls = 0;
	const count = async () => {
		calls += 1;
		return value;
	};
	const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
	return { due, count, calls: () => calls, settle };
}

describe('learning count', () => {
	it('is exact under the cap and moved by each answer', async () => {
		const { due, count, calls, settle } = counted(12);
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(due.valueFor(DAY_START)).toBe(12);
		due.move(1);
		due.move(-1);
		due.move(-1);
		expect(due.valueFor(DAY_START)).toBe(11);
		expect(due.valueFor(DAY_START, 1)).toBe(12);
		// Known: asking again does not count again; another day does.
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(calls()).toBe(1);
		expect(due.valueFor(DAY_START + 86_400_000)).toBeUndefined();
	});

	it('a little over the cap it stays exact: answers move it under the cap without a count', async () => {
		const { due, count, calls, settle } = counted(LEARNING_COUNT_CAP + 2);
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(formatLearningCount(due.valueFor(DAY_START)!)).toBe(`${LEARNING_COUNT_CAP}+`);
		due.move(-1);
		due.move(-1);
		expect(due.valueFor(DAY_START)).toBe(LEARNING_COUNT_CAP);
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(calls()).toBe(1);
	});

	it('a count that reached its bound is a lower bound, counted again once answers could bring it under the cap', async () => {
		const { due, count, calls, settle } = counted(LEARNING_COUNT_BOUND);
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(formatLearningCount(due.valueFor(DAY_START)!)).toBe(`${LEARNING_COUNT_CAP}+`);
		for (let i = LEARNING_COUNT_BOUND; i > LEARNING_COUNT_CAP + 1; i -= 1) {
			due.move(-1);
		}
		expect(due.valueFor(DAY_START)).toBe(LEARNING_COUNT_CAP + 1);
		due.move(-1);
		// Counted to the bound, minus that many answers: it may be 1,000 or 25,000; not known any more.
		expect(due.valueFor(DAY_START)).toBeUndefined();
		due.ensure(DAY_START, count, () => {});
		await settle();
		expect(calls()).toBe(2);
	});

	it('a count that fails stays unknown and is tried again on the next ensure', async () => {
		const due = new LearningDue(() => Promise.resolve());
		let fail = true;
		const count = async () => {
			if (fail) {
				throw new Error('disk');
			}
			return 3;
		};
		due.ensure(DAY_START, count, () => {});
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(due.valueFor(DAY_START)).toBeUndefined();
		fail = false;
		due.ensure(DAY_START, count, () => {});
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(due.valueFor(DAY_START)).toBe(3);
	});

	it('counts a backlog through the index up to the cap, reading at most cap + 1 keys', async () => {
		let reads: ReadCounter | undefined;
		const { db, deckId } = await emptyDeckDb(NOW, (db) => {
			reads = countReads(db);
		});
		const learning = (i: number) =>
			makeCard(deckId, i, { state: State.Relearning, due: new Date(NOW.getTime() - i * MINUTE) });
		await db.cards.bulkAdd(Array.from({ length: 1_500 }, (_, i) => learning(i)));
		const scope = await studyScope(db, deckId);
		reads!.reset();
		expect(await countLearningDue(db, scope, studyDay(NOW))).toBe(LEARNING_COUNT_CAP + 1);
		expect(reads!.keysByTable.cards).toBe(LEARNING_COUNT_CAP + 1);
		expect(reads!.countsByTable.cards ?? 0).toBe(0);
		// Today's deck list shows the same "more than the cap".
		const counts = await dueCounts(db, deckId, NOW);
		expect(formatLearningCount(counts.learning)).toBe('1000+');
		// Under the cap, exact.
		await db.cards.bulkDelete(Array.from({ length: 1_000 }, (_, i) => learning(i).id));
		expect(await countLearningDue(db, scope, studyDay(NOW))).toBe(500);
		db.close();
	});
});
