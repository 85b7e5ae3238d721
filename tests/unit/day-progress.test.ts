/**
 * Today's limits are spent by answers only: the day's progress is counted through the reviews'
 * [deckId+state+review] index, and manual rows (reset, set due date) are taken back out.
 */
import { describe, expect, it } from 'vitest';
import { Rating, State } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { resetCards } from '$lib/storage/card-reset';
import { dueCounts, nextCard } from '$lib/storage/queue';
import { answerShown, NOW, seededDb } from './helpers';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** What the limits must see: every review of the day read and sorted by hand. */
async function progressByHand(db: Awaited<ReturnType<typeof seededDb>>['db'], now: Date) {
	const day = studyDay(now);
	const today = (await db.reviews.toArray()).filter(
		(r) => r.review >= day.start && r.review < day.end && r.rating !== Rating.Manual
	);
	return {
		newDone: today.filter((r) => r.state === State.New).length,
		reviewsDone: today.filter((r) => r.state === State.Review).length
	};
}

describe('day progress', () => {
	it('counts new cards answered today and ignores manual rows and other days', async () => {
		const { db, deckId } = await seededDb();
		const preset = (await db.presets.get('default'))!;
		await db.presets.put({ ...preset, newPerDay: 10, reviewsPerDay: 100 });
		const yesterday = new Date(NOW.getTime() - DAY);
		// Yesterday's answers spend yesterday's limit, not today's.
		for (let i = 0; i < 2; i += 1) {
			const card = (await nextCard(db, deckId, yesterday))!;
			await answerShown(db, card.id, Rating.Easy, yesterday);
		}
		const today: string[] = [];
		for (let i = 0; i < 3; i += 1) {
			const at = new Date(NOW.getTime() + i * MINUTE);
			const card = (await nextCard(db, deckId, at))!;
			await answerShown(db, card.id, Rating.Easy, at);
			today.push(card.id);
		}
		// A reset writes a Manual row holding the card's state before it (New here, once reset
		// again): neither row is an answer.
		const later = new Date(NOW.getTime() + 10 * MINUTE);
		await resetCards(db, [today[0]!], later);
		await resetCards(db, [today[0]!], later);
		const manual = (await db.reviews.toArray()).filter((r) => r.rating === Rating.Manual).length;
		expect(manual).toBe(2);

		const byHand = await progressByHand(db, later);
		expect(byHand).toEqual({ newDone: 3, reviewsDone: 0 });
		const fresh = await db.cards.filter((card) => card.queue === 'new').count();
		const counts = await dueCounts(db, deckId, later);
		expect(counts.new).toBe(Math.min(fresh, 10 - byHand.newDone));
	});

	it('counts review answers of the day against the review limit', async () => {
		const { db, deckId } = await seededDb();
		const preset = (await db.presets.get('default'))!;
		await db.presets.put({ ...preset, newPerDay: 50, reviewsPerDay: 3 });
		const first = new Date(NOW.getTime() - 30 * DAY);
		const ids: string[] = [];
		for (let i = 0; i < 4; i += 1) {
			const card = (await nextCard(db, deckId, first))!;
			await answerShown(db, card.id, Rating.Easy, first);
			ids.push(card.id);
		}
		// A month later all four are due reviews; answer two of them today.
		for (const id of ids.slice(0, 2)) {
			await answerShown(db, id, Rating.Good, NOW);
		}
		const byHand = await progressByHand(db, NOW);
		expect(byHand.reviewsDone).toBe(2);
		const counts = await dueCounts(db, deckId, NOW);
		// Two reviews are still due, but the limit of three leaves room for one.
		expect(counts.review).toBe(1);
	});
});
