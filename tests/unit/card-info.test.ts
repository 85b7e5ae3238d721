/**
 * Card Info on a fixed clock: the figures Anki shows, from a stored card and its review events
 * (hand-built with known values), and read back through storage after real answers.
 */
import { describe, expect, it } from 'vitest';
import { describeCard, formatDays, formatSeconds, type CardInfoInput } from '$lib/domain/card-info';
import { formatInterval } from '$lib/domain/interval-format';
import type { ReviewRecord } from '$lib/domain/model';
import { Rating, State } from '$lib/domain/scheduler';
import { answerCard } from '$lib/storage/answers';
import { resetCards } from '$lib/storage/card-reset';
import { loadCardInfo } from '$lib/storage/card-info';
import { addNote, deleteNotes } from '$lib/storage/notes';
import { emptyDeckDb, makeCard, NOW, answerInput } from './helpers';

const at = (month: number, day: number, hour = 9) => new Date(2026, month - 1, day, hour, 0);

function review(id: string, overrides: Partial<ReviewRecord>): ReviewRecord {
	return {
		id,
		cardId: 'c1',
		deckId: 'deck-1',
		rating: Rating.Good,
		state: State.New,
		due: at(2, 23),
		stability: 0,
		difficulty: 0,
		elapsed_days: 0,
		last_elapsed_days: 0,
		scheduled_days: 0,
		learning_steps: 0,
		cardDue: at(2, 23),
		review: at(2, 23),
		duration: 8000,
		...overrides
	};
}

/** A review card answered Good as new on 23 Feb (8 s), Good again on 26 Feb (5 s), due 10 Mar. */
function reviewCard(): CardInfoInput {
	const card = makeCard('deck-1', 1, {
		id: 'c1',
		noteId: 'n1',
		state: State.Review,
		queue: 'review',
		stability: 12,
		difficulty: 6,
		reps: 2,
		lapses: 0,
		scheduled_days: 12,
		last_review: at(2, 26),
		due: NOW
	});
	const reviews = [
		review('r2', {
			state: State.Review,
			stability: 3,
			difficulty: 6,
			cardDue: at(2, 26),
			cardLastReview: at(2, 23),
			review: at(2, 26),
			duration: 5000
		}),
		review('r1', {})
	];
	return {
		card,
		addedAt: at(2, 20).getTime(),
		cardType: 'Card 1',
		noteType: 'Basic',
		deckName: 'History::Russia',
		presetName: 'Default',
		weights: undefined,
		reviews
	};
}

const rows = (input: CardInfoInput, now = NOW) =>
	Object.fromEntries(describeCard(input, now, 'en-GB').rows.map((row) => [row.label, row.value]));

describe('card info', () => {
	it('writes dates in the locale it is given, not one fixed format', () => {
		const dates = (locale: string) => {
			const info = describeCard(reviewCard(), NOW, locale);
			const added = info.rows.find((row) => row.label === 'Added')!.value;
			return [added, info.reviews[0]!.date];
		};
		expect(dates('en-GB')).toEqual(['20 Feb 2026', '26 Feb 2026, 09:00']);
		expect(dates('en-US')).toEqual(['Feb 20, 2026', 'Feb 26, 2026, 9:00 AM']);
		expect(dates('de-DE')).toEqual(['20.02.2026', '26.02.2026, 09:00']);
	});

	it("shows a review card's dates, memory, counts and times as Anki does", () => {
		expect(rows(reviewCard())).toEqual({
			Added: '20 Feb 2026',
			'First review': '23 Feb 2026',
			'Latest review': '26 Feb 2026',
			Due: '10 Mar 2026',
			Interval: '12 days',
			Difficulty: '56%',
			Stability: '12 days',
			// At t = S the forgetting curve is at 90% by definition.
			Retrievability: '90%',
			Reviews: '2',
			Lapses: '0',
			'Average time': '6.5 seconds',
			'Total time': '13 seconds',
			'Card type': 'Card 1',
			'Note type': 'Basic',
			Deck: 'History::Russia',
			Preset: 'Default',
			'Card ID': 'c1',
			'Note ID': 'n1'
		});
	});

	it('lists the reviews newest first, each with the interval it gave until the next due', () => {
		expect(describeCard(reviewCard(), NOW, 'en-GB').reviews).toEqual([
			{
				id: 'r2',
				date: '26 Feb 2026, 09:00',
				type: 'Review',
				rating: 'Good',
				interval: '12d',
				time: '5 seconds'
			},
			{
				id: 'r1',
				date: '23 Feb 2026, 09:00',
				type: 'Learn',
				rating: 'Good',
				interval: '3d',
				time: '8 seconds'
			}
		]);
	});

	it('retrievability falls as time passes; a suspended card says so beside its due date', () => {
		const input = reviewCard();
		input.card = { ...input.card, queue: 'suspended' };
		const later = rows(input, at(4, 20));
		expect(Number(later.Retrievability!.replace('%', ''))).toBeLessThan(90);
		expect(later.Due).toBe('10 Mar 2026 (suspended)');
	});

	it('a new card shows its position and no memory figures or review times', () => {
		const input: CardInfoInput = {
			...reviewCard(),
			card: makeCard('deck-1', 4, { position: 4 }),
			reviews: []
		};
		const info = rows(input);
		expect(info.Position).toBe('New #5');
		expect(info).not.toHaveProperty('Difficulty');
		expect(info).not.toHaveProperty('First review');
		expect(info).not.toHaveProperty('Average time');
		expect(describeCard(input, NOW, 'en-GB').reviews).toEqual([]);
	});

	it('formats spans of days and time taken', () => {
		expect([formatDays(1), formatDays(1.26), formatDays(45), formatDays(800)]).toEqual([
			'1 day',
			'1.3 days',
			'1.5 months',
			'2.2 years'
		]);
		expect(formatDays(0.25)).toBe('6h');
		expect([formatSeconds(1000), formatSeconds(90_000), formatSeconds(5_400_000)]).toEqual([
			'1 second',
			'1.5 minutes',
			'1.5 hours'
		]);
	});
});

describe('loadCardInfo', () => {
	it('reads a card answered through storage: its reviews, a reset as Manual, names and times', async () => {
		const { db, deckId } = await emptyDeckDb();
		const { addedCardIds } = await addNote(
			db,
			{ deckId, noteTypeId: 'basic', fields: { Front: 'Q', Back: 'A' } },
			NOW
		);
		const cardId = addedCardIds[0]!;
		const answer = async (grade: typeof Rating.Good, now: Date, duration: number) => {
			const card = (await db.cards.get(cardId))!;
			await answerCard(db, answerInput(card, { grade, now, duration }));
		};
		await answer(Rating.Good, NOW, 4000);
		const second = new Date(NOW.getTime() + 20 * 60_000);
		await answer(Rating.Good, second, 6000);
		const reset = new Date(second.getTime() + 86_400_000);
		await resetCards(db, [cardId], reset);

		const input = (await loadCardInfo(db, cardId))!;
		expect(input).toMatchObject({
			cardType: 'Card 1',
			noteType: 'Basic',
			deckName: 'Test',
			presetName: 'Default',
			addedAt: NOW.getTime()
		});
		const info = describeCard(input, reset, 'en-GB');
		const byLabel = Object.fromEntries(info.rows.map((row) => [row.label, row.value]));
		expect(byLabel['Average time']).toBe('5 seconds');
		expect(byLabel['Total time']).toBe('10 seconds');
		expect(byLabel['Latest review']).toBe(byLabel['First review']);
		expect(info.reviews.map((row) => [row.type, row.rating, row.time])).toEqual([
			['Manual', 'Manual', ''],
			['Learn', 'Good', '6 seconds'],
			['Learn', 'Good', '4 seconds']
		]);
		// The second answer's interval runs to the due date the reset found the card at.
		const [manual] = await db.reviews
			.where('cardId')
			.equals(cardId)
			.filter((r) => r.rating === 0)
			.toArray();
		expect(info.reviews[1]!.interval).toBe(
			formatInterval(manual!.cardDue.getTime() - second.getTime())
		);

		await deleteNotes(db, [input.card.noteId], reset);
		expect(await loadCardInfo(db, cardId)).toBeUndefined();
	});
});
