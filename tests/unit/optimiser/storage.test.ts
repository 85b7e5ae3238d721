import { describe, expect, it } from 'vitest';
import { default_w } from 'ts-fsrs';
import type { CardRecord, ReviewRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { DEFAULT_SCHEDULER_OPTIONS, Rating, State } from '$lib/domain/scheduler';
import { simulateLearner } from '$lib/domain/optimiser/simulator';
import {
	applyWeights,
	currentWeights,
	historiesFor,
	previewReschedule,
	rescheduleCards,
	reviewEventsFor
} from '$lib/storage/optimiser';
import { resetCards } from '$lib/storage/card-reset';
import { cardsInDeck } from '$lib/storage/deck-rows';
import { setDayStartHour } from '$lib/storage/study-settings';
import { createPreset, presetForDeck } from '$lib/storage/presets';
import { answerShown, emptyDeckDb, makeCard, NOW, seededDb } from '../helpers';

const DAY_MS = 86_400_000;

/** An answer in deck `deck-1`; the tests set what the optimiser reads. */
const sampleReview: ReviewRecord = {
	id: '',
	cardId: 'card-n',
	deckId: 'deck-1',
	rating: Rating.Good,
	state: State.New,
	due: NOW,
	stability: 0,
	difficulty: 0,
	elapsed_days: 0,
	last_elapsed_days: 0,
	scheduled_days: 0,
	learning_steps: 0,
	cardDue: NOW,
	review: NOW,
	duration: 5000
};
// Forgets much faster than the defaults: rescheduling with these brings cards forward.
const FAST_FORGETTING = default_w.map((w, i) => (i < 4 ? w * 0.3 : i === 8 ? w * 0.6 : w));

/** Deck `deck-1` (default preset) with 40 simulated cards, and `deck-2` on preset "Other". */
async function collection() {
	const { db } = await emptyDeckDb(NOW);
	const other = await createPreset(db, 'Other', NOW);
	await db.decks.add({
		id: 'deck-2',
		name: 'Other',
		description: '',
		presetId: other.id,
		createdAt: 0,
		mtime: 0
	});
	const start = new Date(NOW.getTime() - 60 * DAY_MS);
	const simulate = (deckId: string, seed: number) =>
		simulateLearner({
			seed,
			cards: 40,
			start,
			days: 60,
			introduceOverDays: 30,
			trueWeights: default_w,
			scheduling: DEFAULT_SCHEDULER_OPTIONS,
			deckId
		});
	const mine = simulate('deck-1', 1);
	const theirs = simulate('deck-2', 2);
	await db.reviews.bulkAdd([...mine.reviews, ...theirs.reviews]);
	await db.cards.bulkAdd(
		mine.cards.map(({ id, card }, i) => ({ ...makeCard('deck-1', i, {}, start), ...card, id }))
	);
	return { db, presetId: other.id, mine, theirs };
}

describe('optimiser storage', () => {
	it('reads the history of the preset’s decks only, or of every deck', async () => {
		const { db, presetId, mine, theirs } = await collection();
		const forDefault = await reviewEventsFor(db, 'default');
		expect(forDefault).toHaveLength(mine.reviews.length);
		expect(forDefault.every((r) => r.cardId.startsWith('sim-card-1-'))).toBe(true);
		expect(await reviewEventsFor(db, presetId)).toHaveLength(theirs.reviews.length);
		expect(await reviewEventsFor(db, undefined)).toHaveLength(
			mine.reviews.length + theirs.reviews.length
		);
		expect(typeof forDefault[0]?.review).toBe('number');
	});

	it('groups the history into study days starting at the hour set in the settings', async () => {
		const { db } = await emptyDeckDb(NOW);
		const at = (day: number, hour: number) => new Date(2026, 2, day, hour);
		const answer = (id: string, rating: Rating, state: State, time: Date): ReviewRecord => ({
			...sampleReview,
			id,
			rating,
			state,
			review: time
		});
		await db.reviews.bulkAdd([
			answer('n1', Rating.Good, State.New, at(10, 23)),
			answer('n2', Rating.Good, State.Learning, at(11, 2)),
			answer('n3', Rating.Good, State.Review, at(11, 9))
		]);
		const review = (rating: number, deltaT: number) => ({ rating, deltaT });
		let read = 0;
		// Day starts at 4 am by default: 11 pm and 2 am are one study day.
		expect(await historiesFor(db, 'default', (n) => (read = n))).toEqual([
			[review(3, 0), review(3, 0), review(3, 1)]
		]);
		expect(read).toBe(3);
		await setDayStartHour(db, 0, NOW);
		expect(await historiesFor(db, 'default')).toEqual([[review(3, 0), review(3, 1), review(3, 0)]]);
	});

	it('applies parameters to the preset, where the deck’s scheduler finds them', async () => {
		const { db, presetId } = await collection();
		expect(await currentWeights(db, 'default')).toEqual(default_w);
		await applyWeights(db, 'default', FAST_FORGETTING, NOW);
		expect((await presetForDeck(db, 'deck-1')).weights).toEqual(
			FAST_FORGETTING.map((w) => Math.round(w * 1e6) / 1e6)
		);
		expect((await presetForDeck(db, 'deck-2')).weights).toBeUndefined();
		expect(await currentWeights(db, presetId)).toEqual(default_w);
	});

	it('refuses a broken parameter set and leaves the preset as it was', async () => {
		const { db } = await collection();
		const before = await db.presets.get('default');
		await expect(applyWeights(db, 'default', [1, 2, 3], NOW)).rejects.toThrow(/21 finite/);
		expect(await db.presets.get('default')).toEqual(before);
	});

	it('previews the due load of the next 30 days, then reschedules exactly that', async () => {
		const { db } = await collection();
		const reviewCount = await db.reviews.count();
		const before = await db.cards.toArray();
		const preview = await previewReschedule(db, 'default', FAST_FORGETTING, NOW);
		expect(preview.current).toHaveLength(30);
		expect(preview.moved).toBeGreaterThan(0);
		// Faster forgetting brings reviews forward: more due this week than before.
		const week = (load: number[]) => load.slice(0, 7).reduce((a, b) => a + b, 0);
		expect(week(preview.rescheduled)).toBeGreaterThan(week(preview.current));

		const moved = await rescheduleCards(db, 'default', FAST_FORGETTING, NOW);
		expect(moved).toBe(preview.moved);
		const after = await db.cards.toArray();
		const changed = after.filter((card, i) => card.due.getTime() !== before[i]!.due.getTime());
		expect(changed).toHaveLength(moved);
		for (const card of changed) {
			const old = before.find((c) => c.id === card.id)!;
			expect(card.state).toBe(State.Review);
			expect(card.stability).toBeLessThan(old.stability);
			// The real last review and answer count stay: rescheduling is not a review.
			expect(card.last_review).toEqual(old.last_review);
			expect(card.reps).toBe(old.reps);
		}
		expect(await db.reviews.count()).toBe(reviewCount);
	});

	it('replays a reset card as the app rebuilds it: nothing from before the reset counts', async () => {
		const { db, deckId } = await seededDb();
		await db.presets.put({ ...DEFAULT_PRESET, enableFuzz: false });
		const [reset, fresh] = await cardsInDeck(db, deckId).limit(2).toArray();
		const day = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
		// Known well for months, then reset and learnt again with one Easy, as `fresh` was.
		for (const [days, rating] of [
			[0, Rating.Easy],
			[15, Rating.Good],
			[60, Rating.Good]
		] as const) {
			await answerShown(db, reset!.id, rating, day(days));
		}
		await resetCards(db, [reset!.id], day(200), { resetCounts: true });
		await answerShown(db, reset!.id, Rating.Easy, day(201));
		await answerShown(db, fresh!.id, Rating.Easy, day(201));

		expect(await rescheduleCards(db, 'default', FAST_FORGETTING, day(202))).toBe(2);
		const memory = ({ due, stability, difficulty, scheduled_days }: CardRecord) => ({
			due,
			stability,
			difficulty,
			scheduled_days
		});
		const [after, expected] = await db.cards.bulkGet([reset!.id, fresh!.id]);
		expect(memory(after!)).toEqual(memory(expected!));
	});
});
