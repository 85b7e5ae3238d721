/**
 * A study session moves the review and new counts by each answer instead of counting the due
 * cards again for every next card: the counts it shows must stay exactly what a fresh count
 * gives, through answers that bury siblings, backlogs over the day's limits and lower bounds
 * that run out.
 */
import { describe, expect, it } from 'vitest';
import { TALLY_SLACK, tallyAfter, tallyOfCounts, tallyShown } from '$lib/domain/queue-tally';
import { Rating, type Grade } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import type { EngramDB } from '$lib/storage/db';
import { dueCounts } from '$lib/storage/queue';
import { countReads } from './read-counter';
import { NOW } from './helpers';
import { mixedDeck } from './mixed-deck';

const SECOND = 1000;

describe('due tallies', () => {
	it('an exact tally moves by what leaves the queue', () => {
		expect(tallyAfter({ n: 7, atLeast: false }, 2, 20)).toEqual({ n: 5, atLeast: false });
		expect(tallyAfter({ n: 1, atLeast: false }, 3, 20)).toEqual({ n: 0, atLeast: false });
	});

	it('a lower bound lasts while it stays at or over the cap, then asks for a count', () => {
		expect(tallyAfter({ n: 30, atLeast: true }, 1, 19)).toEqual({ n: 29, atLeast: true });
		expect(tallyAfter({ n: 20, atLeast: true }, 1, 19)).toEqual({ n: 19, atLeast: true });
		expect(tallyAfter({ n: 20, atLeast: true }, 2, 19)).toBeUndefined();
		expect(tallyAfter(undefined, 0, 19)).toBeUndefined();
	});

	it('a count that reached its bound in any deck is a lower bound', () => {
		expect(tallyOfCounts([3, 4], 30)).toEqual({ n: 7, atLeast: false });
		expect(tallyOfCounts([30, 4], 30)).toEqual({ n: 34, atLeast: true });
		expect(tallyShown({ n: 34, atLeast: true }, 20)).toBe(20);
		expect(tallyShown({ n: 3, atLeast: false }, 20)).toBe(3);
		expect(tallyShown({ n: 3, atLeast: false }, -1)).toBe(0);
	});
});

async function siblingsOf(db: EngramDB, cardId: string): Promise<number> {
	const card = await db.cards.get(cardId);
	return (await db.cards.where('noteId').equals(card!.noteId).count()) - 1;
}

/** How many new cards and reviews the mixed deck has due, whatever the limits. */
async function dueInMixedDeck(): Promise<{ new: number; review: number }> {
	const { db, deckId } = await mixedDeck({ newPerDay: 999, reviewsPerDay: 999 });
	const due = await dueCounts(db, deckId, NOW);
	db.close();
	return due;
}

const due = await dueInMixedDeck();

describe('study session: counts moved by answers', () => {
	it.each([
		// Under the limits: the tallies are exact, and every buried sibling must be taken off.
		['under the limits', { newPerDay: 999, reviewsPerDay: 999 }],
		// Just over them: the counts stop at a bound that answers and buries soon bring under the
		// limit, so the session must count again.
		[
			'just over the limits',
			{ newPerDay: due.new - TALLY_SLACK - 2, reviewsPerDay: due.review - TALLY_SLACK - 2 }
		],
		// Far over them: the counts shown are the limits left.
		['far over the limits', { newPerDay: 6, reviewsPerDay: 12 }]
	])(
		'%s: shows exactly what a fresh count gives after every answer',
		async (_, limits) => {
			const { db, deckId, cards } = await mixedDeck(limits);
			let time = NOW.getTime();
			const session = new StudySession(db, deckId, () => new Date(time));
			const stop = session.watchChanges();
			await session.load();
			expect(cards).toBeGreaterThan(40);
			const grades: Grade[] = [Rating.Good, Rating.Again, Rating.Good, Rating.Easy, Rating.Hard];
			let buryingAnswers = 0;
			for (let i = 0; i < 80 && session.view; i += 1) {
				buryingAnswers += (await siblingsOf(db, session.view.card.id)) > 0 ? 1 : 0;
				time += 5 * SECOND;
				session.reveal();
				await session.grade(grades[i % grades.length]!);
				const fresh = await dueCounts(db, deckId, new Date(time));
				expect({ new: session.remaining?.new, review: session.remaining?.review }).toEqual({
					new: fresh.new,
					review: fresh.review
				});
			}
			// The deck's siblings were met: the counts above were checked through burying answers.
			expect(buryingAnswers).toBeGreaterThan(2);
			stop();
		},
		30_000
	); // 80 answers, each checked against a fresh count: 2 s idle, 5 s on a loaded machine.

	it('the mixed deck has new cards and reviews well over the slack', () => {
		expect(due.new).toBeGreaterThan(TALLY_SLACK + 8);
		expect(due.review).toBeGreaterThan(TALLY_SLACK + 8);
	});

	it('reads far fewer keys than counting for every card', async () => {
		const limits = { newPerDay: 15, reviewsPerDay: 30 };
		const { db, deckId } = await mixedDeck(limits);
		const reads = countReads(db);
		let time = NOW.getTime();
		const session = new StudySession(db, deckId, () => new Date(time));
		const stop = session.watchChanges();
		await session.load();
		reads.reset();
		const answers = 12;
		for (let i = 0; i < answers; i += 1) {
			time += 5 * SECOND;
			session.reveal();
			await session.grade(Rating.Good);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
		// Counting anew for each next card reads every due review and new card up to the limits
		// (here all of them: about 35 reviews and 40 new cards) once per answer, about 900 keys.
		const counted = await dueCounts(db, deckId, new Date(time));
		expect(counted.review + counted.new).toBeGreaterThan(20);
		console.info(`card keys read over ${answers} answers: ${reads.keysByTable.cards ?? 0}`);
		expect(reads.keysByTable.cards ?? 0).toBeLessThan(limits.newPerDay + limits.reviewsPerDay);
		stop();
	});
});
