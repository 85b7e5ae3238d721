/**
 * The custom study dialog's "(N available)": a raised limit counts the deck's new cards or
 * today's due reviews whatever the limit (as Anki's does); a session option counts exactly the
 * cards building it would choose, limit included.
 */
import { describe, expect, it } from 'vitest';
import type { CustomStudyRequest } from '$lib/domain/custom-study/request';
import { Rating } from '$lib/domain/scheduler';
import { customStudy } from '$lib/storage/custom-study';
import { availableFor } from '$lib/storage/custom-study-counts';
import { dueCounts, nextCard } from '$lib/storage/queue';
import { answerShown, NOW, seededDb } from '../helpers';

const DAY = 86_400_000;
const HOUR = 4;

describe('available counts', () => {
	it('limits: every new card and every review due today, whatever today’s limit', async () => {
		const { db, deckId } = await seededDb();
		await db.presets.put({ ...(await db.presets.get('default'))!, newPerDay: 2 });
		const newCards = await db.cards.filter((card) => card.queue === 'new').count();
		expect((await dueCounts(db, deckId, NOW, HOUR)).new).toBe(2);
		const newLimit = { kind: 'new-limit', delta: 10 } as const;
		expect(await availableFor(db, deckId, newLimit, NOW, HOUR)).toBe(newCards);

		const reviewLimit = { kind: 'review-limit', delta: 10 } as const;
		expect(await availableFor(db, deckId, reviewLimit, NOW, HOUR)).toBe(0);
		const [first, second] = await db.cards.limit(2).toArray();
		const review = { queue: 'review', state: 2, reps: 3, stability: 5 } as const;
		await db.cards.bulkPut([
			{ ...first!, ...review, due: new Date(NOW.getTime() + 3_600_000) },
			// Due tomorrow: not today's.
			{ ...second!, ...review, due: new Date(NOW.getTime() + 2 * DAY) }
		]);
		expect(await availableFor(db, deckId, reviewLimit, NOW, HOUR)).toBe(1);
		expect(await availableFor(db, deckId, newLimit, NOW, HOUR)).toBe(newCards - 2);
		expect(await availableFor(db, 'no-such-deck', newLimit, NOW, HOUR)).toBe(0);
	});

	it('sessions: exactly the cards a build would choose, up to the limit', async () => {
		const { db, deckId } = await seededDb();
		const yesterday = new Date(NOW.getTime() - DAY);
		for (const rating of [Rating.Again, Rating.Good, Rating.Again]) {
			const card = (await nextCard(db, deckId, yesterday, HOUR))!;
			await answerShown(db, card.id, rating, yesterday);
		}
		// A suspended and a buried card: neither counted nor chosen.
		const [suspended, buried] = await db.cards
			.filter((card) => card.queue === 'new')
			.limit(2)
			.toArray();
		await db.cards.bulkPut([
			{ ...suspended!, queue: 'suspended' },
			{ ...buried!, queue: 'buried' }
		]);
		const requests: [CustomStudyRequest, number][] = [
			[{ kind: 'forgot', days: 2 }, 2],
			[{ kind: 'forgot', days: 1 }, 0],
			[{ kind: 'cram', cram: 'new', limit: 5, include: [], exclude: [] }, 5],
			[{ kind: 'cram', cram: 'review', limit: 100, include: [], exclude: [] }, 3],
			[
				{ kind: 'cram', cram: 'all', limit: 1000, include: [], exclude: [] },
				(await db.cards.toArray()).filter((c) => !['suspended', 'buried'].includes(c.queue)).length
			],
			[{ kind: 'ahead', days: 30 }, 3],
			[{ kind: 'preview', days: 2 }, await db.cards.filter((card) => card.queue === 'new').count()]
		];
		for (const [request, expected] of requests) {
			const available = await availableFor(db, deckId, request, NOW, HOUR);
			expect(available, request.kind).toBe(expected);
			if (expected > 0) {
				const built = await customStudy(db, deckId, request, NOW, HOUR);
				expect(built).toMatchObject({ kind: 'filtered', count: available });
			}
		}
		expect(await availableFor(db, 'no-such-deck', { kind: 'ahead', days: 1 }, NOW, HOUR)).toBe(0);
	});
});
