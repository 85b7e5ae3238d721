// The bench's collection generator writes records the app itself can study, through the app's own
// backup writer and restore: the app's Dexie schema reads them, its queue finds a due card through
// its indexes, and answering it works.
import { describe, expect, it } from 'vitest';
import { shuffleKey } from '$lib/domain/queue-policy';
import { answerCard } from '$lib/storage/answers';
import { nextCard, planNext, studyScope } from '$lib/storage/queue';
import { ensureDefaults } from '$lib/storage/defaults';
import type { CardRecord } from '$lib/domain/model';
import { BENCH_DECK_ID, generateRecords } from '../bench/page/generate';
import { generate, renewDailyPoint } from '../bench/page/generator';
import {
	DAILY_EVERY_MS,
	dailySnapshotDue,
	listRestorePoints,
	restorePointBytes
} from '$lib/storage/restore-points';
import { freshDb, NOW, answerInput } from './helpers';

async function generated(cards: number, seed = 7) {
	const db = freshDb();
	await ensureDefaults(db);
	db.close();
	// The restore replaces everything: the defaults come back when the app next opens.
	const counts = await generate({
		cards,
		seed,
		now: NOW.getTime(),
		dbName: db.name
	});
	await db.open();
	return { db, counts };
}

// Thousands of FSRS answers and IndexedDB writes: generous on a shared, busy machine.
describe('the bench collection generator', { timeout: 60_000 }, () => {
	it('writes exactly the cards asked for, with notes and review history', async () => {
		const { db, counts } = await generated(2000);
		expect(await db.cards.count()).toBe(2000);
		// Restored by the app, the cards carry the new-card index fields as its writes leave them:
		// `shuffle` and `newPosition` on new cards only (domain/card-index-keys.ts).
		for (const card of await db.cards.limit(200).toArray()) {
			const isNew = card.queue === 'new';
			expect(card.shuffle).toBe(isNew ? shuffleKey(card.id) : undefined);
			expect(card.newPosition).toBe(isNew ? card.position : undefined);
		}
		expect(counts.cards).toBe(2000);
		expect(await db.notes.count()).toBe(counts.notes);
		expect(await db.reviews.count()).toBe(counts.reviews);
		expect(counts.reviews).toBeGreaterThan(2000);
		expect(await db.cards.filter((card) => card.queue === 'new').count()).toBeGreaterThan(300);
		// Written by the app's restore of a backup the app's writer packed: timed, and sized.
		expect(counts.restoreMs).toBeGreaterThan(0);
		expect(counts.backupBytes).toBeGreaterThan(10_000);
		expect(await db.presets.get('bench')).toBeDefined();
	});

	it('looks like a real morning: few learning cards, no answer dated today', async () => {
		const { db, counts } = await generated(2000);
		const learning = await db.cards.filter((card) => card.queue === 'learning').count();
		const reviewed = await db.cards.filter((card) => card.queue !== 'new').count();
		expect(learning).toBeLessThan(reviewed * 0.05);
		// A short history, but a history: answers up to graduation, two or more a card on average.
		expect(counts.reviews).toBeGreaterThan(2 * reviewed);
		expect(await db.cards.filter((card) => card.queue === 'review').count()).toBeGreaterThan(
			reviewed * 0.9
		);
		const today = await db.reviews.filter((r) => r.review.getTime() > NOW.getTime() - 86_400_000);
		expect(await today.count()).toBe(0);
		// Today's limits are untouched, so the study session answers reviews and new cards too.
		const plan = await planNext(db, await studyScope(db, BENCH_DECK_ID), NOW);
		expect(plan.progress).toEqual({ newDone: 0, reviewsDone: 0 });
		expect(plan.counts.review).toBeGreaterThan(0);
		expect(plan.counts.new).toBeGreaterThan(0);
	});

	it('gives each reviewed card a history that ends at its last review', async () => {
		const { db } = await generated(300);
		const cards = await db.cards.filter((card) => card.queue !== 'new').toArray();
		expect(cards.length).toBeGreaterThan(100);
		for (const card of cards.slice(0, 50)) {
			const reviews = await db.reviews.where('cardId').equals(card.id).sortBy('review');
			expect(reviews).toHaveLength(card.reps);
			expect(reviews.at(-1)!.review.getTime()).toBe(card.last_review!.getTime());
			expect(card.last_review!.getTime()).toBeLessThanOrEqual(NOW.getTime());
			const note = await db.notes.get(card.noteId);
			expect(note?.deckId).toBe(BENCH_DECK_ID);
		}
	});

	it('is studied by the app: the queue finds a due card and the answer is stored', async () => {
		const { db } = await generated(1000);
		const card = (await nextCard(db, BENCH_DECK_ID, NOW))!;
		expect(card.due.getTime()).toBeLessThanOrEqual(NOW.getTime() + 86_400_000);
		await answerCard(db, answerInput(card, { duration: 3000 }));
		expect((await db.cards.get(card.id))!.reps).toBe(card.reps + 1);
	});

	it('emits cards as the app stores them: index-only fields on new cards only', async () => {
		// The backup the generator packs and the import files carry the records as emitted.
		const cards: CardRecord[] = [];
		await generateRecords({ cards: 300, seed: 3, now: NOW.getTime() }, (store, record) => {
			if (store === 'cards') {
				cards.push(record as CardRecord);
			}
		});
		expect(cards.some((card) => card.queue === 'new')).toBe(true);
		expect(cards.some((card) => card.queue === 'review')).toBe(true);
		for (const card of cards) {
			const isNew = card.queue === 'new';
			expect(card.shuffle).toBe(isNew ? shuffleKey(card.id) : undefined);
			expect(card.newPosition).toBe(isNew ? card.position : undefined);
			expect('shuffle' in card).toBe(isNew);
		}
	});

	it("keeps the collection's backup as today's daily snapshot, renewed once it is due", async () => {
		const { db } = await generated(200);
		const daily = async () =>
			(await listRestorePoints(db.name)).filter((point) => point.kind === 'daily');
		const [point] = await daily();
		expect(point?.createdAt).toBe(NOW.getTime());
		// The app, opened now, has no snapshot to take.
		expect(await dailySnapshotDue(db.name, NOW)).toBe(false);
		const bytes = await restorePointBytes(db.name, point!.id);
		expect(bytes!.length).toBeGreaterThan(1000);
		// A run within the hour before it falls due leaves it; later, the same backup is kept again.
		const early = NOW.getTime() + DAILY_EVERY_MS - 2 * 3_600_000;
		expect(await renewDailyPoint(db.name, early)).toBe(NOW.getTime());
		expect(await daily()).toHaveLength(1);
		const later = NOW.getTime() + DAILY_EVERY_MS;
		expect(await renewDailyPoint(db.name, later)).toBe(later);
		expect(await dailySnapshotDue(db.name, new Date(later + 3_600_000))).toBe(false);
		const renewed = (await daily())[0]!;
		expect(await restorePointBytes(db.name, renewed.id)).toEqual(bytes);
	});

	it('is deterministic for a seed', async () => {
		const a = await generated(200, 42);
		const b = await generated(200, 42);
		const ids = async (db: typeof a.db) => (await db.cards.orderBy('id').primaryKeys()).join();
		expect(await ids(a.db)).toBe(await ids(b.db));
	});
});
