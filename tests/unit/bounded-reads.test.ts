/**
 * Getting the next card and answering one must cost the same with 2,000 or 20,000 cards: a
 * DBCore middleware counts every record IndexedDB hands back.
 */
import { describe, expect, it } from 'vitest';
import type { CardRecord } from '$lib/domain/model';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import { LEARNING_COUNT_CAP } from '$lib/domain/queue-policy';
import { TALLY_SLACK } from '$lib/domain/queue-tally';
import { Rating, State } from '$lib/domain/scheduler';
import { answerCard } from '$lib/storage/answers';
import type { EngramDB } from '$lib/storage/db';
import { dueCounts, nextCard, nextDueAt, planNext, studyScope } from '$lib/storage/queue';
import { countReads, type ReadCounter } from './read-counter';
import { emptyDeckDb, makeCard, NOW, answerShown, answerInput } from './helpers';

const DAY = 86_400_000;
/**
 * Keys read at most to count the new cards and reviews today's default limits still allow, and
 * the few past each limit that let a session move the counts while answers bury siblings.
 */
const DAY_LIMITS = DEFAULT_PRESET.newPerDay + DEFAULT_PRESET.reviewsPerDay + 2 * TALLY_SLACK;

/** A deck of `size` cards: 60% reviews spread over a year (a few due today), 40% new. */
function collection(deckId: string, size: number): CardRecord[] {
	return Array.from({ length: size }, (_, i) => {
		if (i % 5 < 3) {
			const due = new Date(NOW.getTime() + ((i * 7919) % 365) * DAY - 3 * DAY);
			return makeCard(deckId, i, { state: State.Review, due });
		}
		return makeCard(deckId, i);
	});
}

interface Cost {
	next: number;
	/** Keys of the new cards counted up to the day's limit (a limited key read, not a count()). */
	nextKeys: number;
	/** The lookahead's plan: records, count() requests and keys read. */
	ahead: { records: number; counts: number; keys: number };
	answer: number;
	counts: number;
	total: number;
}

/** Cards spread over `deckId` and `subdecks` subdecks beneath it (`Test::Sub n`). */
async function fill(db: EngramDB, deckId: string, size: number, subdecks: number): Promise<void> {
	const ids = [deckId];
	for (let i = 0; i < subdecks; i += 1) {
		const id = `sub-${i}`;
		const time = NOW.getTime();
		await db.decks.add({
			id,
			name: `Test::Sub ${i}`,
			description: '',
			presetId: 'default',
			createdAt: time,
			mtime: time
		});
		ids.push(id);
	}
	const share = Math.ceil(size / ids.length);
	for (const [i, id] of ids.entries()) {
		await db.cards.bulkAdd(collection(id, Math.min(share, size - i * share)));
	}
}

async function measure(
	size: number,
	preset: Partial<DeckPreset>,
	subdecks = 0,
	answersToday = 5
): Promise<Cost> {
	let reads: ReadCounter | undefined;
	const { db, deckId } = await emptyDeckDb(NOW, (db) => {
		reads = countReads(db);
	});
	await db.presets.put({ ...DEFAULT_PRESET, ...preset });
	await fill(db, deckId, size, subdecks);
	expect(await db.cards.count()).toBe(size);
	// A few answers already given today, as in a real session.
	for (let i = 0; i < answersToday; i += 1) {
		const card = (await nextCard(db, deckId, NOW))!;
		await answerShown(db, card.id, Rating.Good, NOW);
	}
	if (!reads) {
		throw new Error('the read counter was not installed');
	}
	reads.reset();
	const card = (await nextCard(db, deckId, NOW))!;
	const next = reads.total();
	const nextKeys = reads.keys;
	const counts = reads.counts;
	// The study screen's lookahead: the scope, the day's progress, the due tallies and the queue
	// heads kept, the card on screen (`card`) about to be answered.
	const scope = await studyScope(db, deckId);
	const known = await planNext(db, scope, NOW, { heads: 'keep' });
	reads.reset();
	await planNext(db, scope, NOW, {
		answering: card,
		progress: { dayStart: known.day.start.getTime(), value: known.progress },
		tallies: known.tallies,
		heads: known.heads,
		learning: 'skip'
	});
	const ahead = { records: reads.total(), counts: reads.counts, keys: reads.keys };
	expect(reads.records.reviews ?? 0).toBe(0);
	expect(reads.countsByTable.reviews ?? 0).toBe(0);
	expect(reads.keysByTable.reviews ?? 0).toBe(0);
	reads.reset();
	await answerCard(db, answerInput(card));
	const answer = reads.total();
	reads.reset();
	await dueCounts(db, deckId, NOW);
	await nextDueAt(db, deckId, NOW);
	const total = reads.total();
	// The counter itself sees a scan: a filter that matches nothing visits every card.
	reads.reset();
	await db.cards.filter(() => false).first();
	expect(reads.total()).toBe(size);
	db.close();
	return { next, nextKeys, ahead, answer, counts, total };
}

describe('bounded reads', () => {
	it.each([
		['deck order, mixed', { newOrder: 'deck', newMix: 'mixed' }],
		['random order, new first', { newOrder: 'random', newMix: 'before' }]
	] as const)(
		'%s: the same small number of records for 2,000 and 20,000 cards',
		async (_, preset) => {
			const small = await measure(2_000, preset);
			const large = await measure(20_000, preset);
			console.info(
				`records read: ${JSON.stringify(small)} (2,000 cards), ${JSON.stringify(large)} (20,000)`
			);
			// Which queues hold a card after the day's first answers (and so what the new-card limit
			// has left) differs a little with the data, not with its size: a scan would read 10 ×.
			expect(Math.abs(large.next - small.next)).toBeLessThanOrEqual(1);
			expect(large.answer).toBe(small.answer);
			// The lookahead reads no review, no deck or preset and no queue (the session keeps the
			// first cards of each): only the answered card's note's cards, for the siblings it
			// buries. Nothing to count (the session keeps the learning count, and the tallies move
			// by the answer).
			expect(large.ahead.records).toBe(small.ahead.records);
			expect(large.ahead.records).toBeLessThanOrEqual(2);
			expect(large.ahead.counts).toBe(0);
			expect(large.ahead.keys).toBe(0);
			// Which queues still hold a card differs a little with the data, not with its size.
			expect(Math.abs(large.total - small.total)).toBeLessThanOrEqual(2);
			// A few lookups (deck, preset, today's manual rows, one card per queue), never a scan.
			expect(large.next).toBeLessThanOrEqual(12);
			expect(large.answer).toBeLessThanOrEqual(6);
			// New cards and due reviews are counted by reading their keys up to what today's limits
			// still allow and TALLY_SLACK more (so here all 13 or 130 due reviews: see the backlog
			// test below).
			expect(large.nextKeys).toBeLessThanOrEqual(DAY_LIMITS);
			// No index count: learning cards and today's answers are read as keys, up to caps.
			expect(large.counts).toBe(0);
			expect(large.total).toBeLessThanOrEqual(15);
		},
		120_000
	);

	it('a review backlog over the daily limit: the same keys read for 2,000 and 20,000 cards', async () => {
		// 11 and 110 reviews due (see collection()), 1 allowed a day: both read 1 + TALLY_SLACK.
		const preset = { newOrder: 'deck', newMix: 'mixed', reviewsPerDay: 1 } as const;
		const small = await measure(2_000, preset, 0, 0);
		const large = await measure(20_000, preset, 0, 0);
		console.info(`backlog: ${JSON.stringify(small)} (2,000), ${JSON.stringify(large)} (20,000)`);
		expect(large.nextKeys).toBe(small.nextKeys);
		expect(large.nextKeys).toBe(DEFAULT_PRESET.newPerDay + preset.reviewsPerDay + 2 * TALLY_SLACK);
		expect(large.ahead).toEqual(small.ahead);
		expect(large.next).toBe(small.next);
	}, 120_000);

	it("next-card reads do not grow with the day's answers: the same after 5 and 60", async () => {
		const preset = { newOrder: 'deck', newMix: 'mixed', newPerDay: 100 } as const;
		const few = await measure(2_000, preset, 0, 5);
		const many = await measure(2_000, preset, 0, 60);
		console.info(`answers today: ${JSON.stringify(few)} (5), ${JSON.stringify(many)} (60)`);
		expect(many.next).toBe(few.next);
		expect(many.counts).toBe(few.counts);
		// The lookahead keeps the day's progress and the due tallies: however the day goes, it
		// reads no keys.
		expect(few.ahead.keys).toBe(0);
		expect(many.ahead.keys).toBe(0);
		// Asked cold, today's answers are read up to the limits, and the learning cards the
		// answers made up to LEARNING_COUNT_CAP + 1.
		expect(many.nextKeys).toBeLessThanOrEqual(
			DAY_LIMITS + preset.newPerDay + LEARNING_COUNT_CAP + 1
		);
		expect(few.nextKeys).toBeLessThanOrEqual(
			preset.newPerDay + DEFAULT_PRESET.reviewsPerDay + 2 * TALLY_SLACK
		);
	}, 120_000);

	it("more answers today than the limits allow: the day's progress is read up to the limits", async () => {
		let reads: ReadCounter | undefined;
		const { db, deckId } = await emptyDeckDb(NOW, (db) => {
			reads = countReads(db);
		});
		await db.presets.put({ ...DEFAULT_PRESET, newPerDay: 100 });
		await fill(db, deckId, 2_000, 0);
		for (let i = 0; i < 40; i += 1) {
			const card = (await nextCard(db, deckId, NOW))!;
			await answerShown(db, card.id, Rating.Good, NOW);
		}
		// The limit lowered after 40 answers (the deck moved to a stricter preset, say).
		await db.presets.put({ ...DEFAULT_PRESET, newPerDay: 10, reviewsPerDay: 5 });
		reads!.reset();
		const plan = await planNext(db, await studyScope(db, deckId), NOW, { learning: 'skip' });
		expect(plan.progress.newDone).toBe(10);
		expect(plan.counts.new).toBe(0);
		expect(plan.card?.queue).not.toBe('new');
		expect(reads!.keysByTable.reviews ?? 0).toBeLessThanOrEqual(10 + 5);
		expect(reads!.countsByTable.reviews ?? 0).toBe(0);
		db.close();
	}, 120_000);

	it('a parent deck with 8 subdecks: the same reads for 2,000 and 20,000 cards', async () => {
		const preset = { newOrder: 'random', newMix: 'mixed' } as const;
		const small = await measure(2_000, preset, 8);
		const large = await measure(20_000, preset, 8);
		console.info(`subdecks: ${JSON.stringify(small)} (2,000), ${JSON.stringify(large)} (20,000)`);
		expect(Math.abs(large.next - small.next)).toBeLessThanOrEqual(2);
		expect(large.answer).toBe(small.answer);
		// One index read per deck and queue at most: it grows with the decks, not the cards.
		expect(large.next).toBeLessThanOrEqual(12 + 3 * 8);
		// Each deck's cards are counted up to the limits left: bounded by decks × limits.
		expect(large.nextKeys).toBeLessThanOrEqual(9 * DAY_LIMITS);
		expect(Math.abs(large.total - small.total)).toBeLessThanOrEqual(2 * 9);
	}, 120_000);
});
