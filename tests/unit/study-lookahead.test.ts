/**
 * Grading shows the next card before the answer is written (the next card is planned and
 * rendered while the current one is on screen), and that write is never lost: it lands in
 * IndexedDB, a failure puts the answered card back with a retry, an undo or a second grade
 * pressed while it is under way waits for it, and another tab's changes are seen.
 */
import { describe, expect, it, vi } from 'vitest';
import { Rating } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { answerCard } from '$lib/storage/answers';
import { EngramDB } from '$lib/storage/db';
import { countLearningDue, planNext, studyScope } from '$lib/storage/queue';
import type * as QueueModule from '$lib/storage/queue';
import { seedDeck } from '$lib/storage/seed';
import { wrapTables } from './dbcore-wrap';
import { injectQuotaErrors } from './fault-injector';
import { countReads, type ReadCounter } from './read-counter';
import { handPaintedSession } from './hand-painted-session';
import { bundledDeck, freshDb, NOW, answerInput } from './helpers';

const SECOND = 1000;

// Spied on, so one test can hold a count back; every other call runs the real one.
vi.mock('$lib/storage/queue', async (importOriginal) => {
	const queue = await importOriginal<typeof QueueModule>();
	return { ...queue, countLearningDue: vi.fn(queue.countLearningDue) };
});

/** Calls `spy` as each review row is handed to IndexedDB, before its transaction commits. */
function onReviewWrite(db: EngramDB, spy: () => void): void {
	wrapTables(db, 'review-write-spy', (table, name) => ({
		mutate: (req) => {
			if (name === 'reviews' && req.type === 'add') {
				spy();
			}
			return table.mutate(req);
		}
	}));
}

/** Logs each card view's last read (`render`, storage/cards.ts) and each review row written. */
function renderWriteLog(): { log: string[]; db: EngramDB } {
	const log: string[] = [];
	const db = freshDb();
	wrapTables(db, 'render-write-log', (table, name) => ({
		get: (req) => {
			if (name === 'noteTypes') {
				log.push('render');
			}
			return table.get(req);
		},
		mutate: (req) => {
			if (name === 'reviews' && req.type === 'add') {
				log.push('write');
			}
			return table.mutate(req);
		}
	}));
	return { log, db };
}

/** A session opened now on the stored data, once it has counted today's learning cards too. */
async function loadedFresh(db: EngramDB, deckId: string, at: Date): Promise<StudySession> {
	const fresh = new StudySession(db, deckId, () => at);
	await fresh.load();
	await vi.waitFor(() => expect(fresh.remaining?.learning).toBeTypeOf('number'));
	return fresh;
}

/** Lets the lookahead the session started in the background finish. */
async function settled(session: StudySession): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, 50));
	await session.refresh();
}

async function setup(spy: (session: StudySession) => void = () => {}) {
	const db = freshDb();
	const faults = injectQuotaErrors(db);
	const reads = countReads(db);
	const deck = bundledDeck();
	let time = NOW.getTime();
	const clock = () => new Date(time);
	const tick = (ms: number) => (time += ms);
	const storage = { persisted: async () => false, persist: async () => true };
	const session = new StudySession(db, deck.id, clock, undefined, () => storage);
	onReviewWrite(db, () => spy(session));
	await seedDeck(db, deck, NOW);
	const stop = session.watchChanges();
	await session.load();
	return { db, faults, reads, session, tick, stop };
}

describe('study session: the next card before the write', () => {
	it('shows the next card before the review row is written, and the answer lands in IndexedDB', async () => {
		const onScreenAtWrite: (string | undefined)[] = [];
		const countedAtWrite: number[] = [];
		const { db, session, tick, stop } = await setup((s) => {
			onScreenAtWrite.push(s.view?.card.id);
			countedAtWrite.push(s.answeredCount);
		});
		const shownIds: string[] = [];
		for (let i = 0; i < 5; i += 1) {
			const shown = session.view!.card;
			shownIds.push(shown.id);
			tick(5 * SECOND);
			session.reveal();
			await session.grade(Rating.Good);
			// When the row was handed to IndexedDB, the next card was already on screen.
			expect(onScreenAtWrite[i]).toBe(session.view?.card.id);
			// … but "N answered" counts it only once stored, so it never runs ahead of IndexedDB.
			expect(countedAtWrite[i]).toBe(i);
			expect(session.answeredCount).toBe(i + 1);
			expect(session.view?.card.id).not.toBe(shown.id);
			const stored = await db.cards.get(shown.id);
			expect(stored!.mtime).toBeGreaterThan(shown.mtime);
			expect(await db.reviews.where('cardId').equals(shown.id).count()).toBe(1);
		}
		expect(session.answeredCount).toBe(5);
		expect(new Set(shownIds).size).toBe(5);
		stop();
	});

	it('the next card and counts shown early are what the queue gives once the answer is stored', async () => {
		const onScreenAtWrite: (string | undefined)[] = [];
		const { db, session, tick, stop } = await setup((s) => onScreenAtWrite.push(s.view?.card.id));
		// Today's learning count arrives a moment after the first card (then answers move it).
		await vi.waitFor(() => expect(session.remaining?.learning).toBeTypeOf('number'));
		for (let i = 0; i < 6; i += 1) {
			tick(5 * SECOND);
			session.reveal();
			await session.grade(i % 3 === 0 ? Rating.Again : Rating.Good);
			const early = { card: session.view?.card.id, remaining: session.remaining };
			expect(onScreenAtWrite[i]).toBe(early.card);
			// A session opened now on the stored data shows the same card and counts.
			const at = new Date(NOW.getTime() + (i + 1) * 5 * SECOND);
			const fresh = await loadedFresh(db, session.deckId, at);
			expect(early).toEqual({ card: fresh.view?.card.id, remaining: fresh.remaining });
		}
		stop();
	});

	it('writes the answer only once the next card is painted; a grade pressed before that waits for it', async () => {
		const { db, session, stop, tick, paint, nextFrame } = await handPaintedSession();
		await settled(session);
		const first = session.view!.card;
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame();
		// The next card is on screen, and nothing is written until its frame is painted.
		const second = session.view!.card;
		expect(second.id).not.toBe(first.id);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await db.reviews.count()).toBe(0);
		// Graded again before that paint: it waits for the first write, then goes the same way.
		session.reveal();
		const again = session.grade(Rating.Again);
		paint();
		await graded;
		expect((await db.reviews.toArray()).map((r) => r.cardId)).toEqual([first.id]);
		await nextFrame();
		paint();
		await again;
		const reviews = await db.reviews.toArray();
		expect(reviews.map((r) => [r.cardId, r.rating]).sort()).toEqual(
			[
				[first.id, Rating.Good],
				[second.id, Rating.Again]
			].sort()
		);
		expect(session.answeredCount).toBe(2);
		stop();
	});

	it('a write failing after the next card showed puts the answered card back; Try again saves it once', async () => {
		const onScreenAtWrite: (string | undefined)[] = [];
		const { db, faults, session, stop } = await setup((s) => onScreenAtWrite.push(s.view?.card.id));
		const shown = session.view!;
		session.reveal();
		faults.failing.add('reviews');
		await session.grade(Rating.Good);
		// The next card had been shown when the write failed …
		expect(onScreenAtWrite[0]).not.toBe(shown.card.id);
		// … and the answered card is back, answer shown, with the error and a retry.
		expect(session.view).toBe(shown);
		expect(session.revealed).toBe(true);
		expect(session.error).toMatch(/out of storage space/);
		expect(session.canRetry).toBe(true);
		expect(session.answeredCount).toBe(0);
		expect(session.canUndo).toBe(false);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.cards.get(shown.card.id)).toEqual(shown.card);

		faults.failing.clear();
		await session.retry();
		expect(session.error).toBeUndefined();
		expect(await db.reviews.where('cardId').equals(shown.card.id).count()).toBe(1);
		expect(session.answeredCount).toBe(1);
		expect(session.view?.card.id).not.toBe(shown.card.id);
		stop();
	});

	it('an undo pressed while the answer is being written waits for it and restores the card exactly', async () => {
		let undone: Promise<void> | undefined;
		const { db, session, tick, stop } = await setup((s) => {
			// The user presses Undo as soon as the next card shows, before the write commits.
			undone ??= s.undo();
		});
		const before = await db.cards.toArray();
		const shown = session.view!.card;
		tick(5 * SECOND);
		session.reveal();
		const graded = session.grade(Rating.Easy);
		await graded;
		await undone;
		expect(session.error).toBeUndefined();
		expect(await db.reviews.count()).toBe(0);
		const strip = (cards: typeof before) => cards.map(({ mtime: _m, ...card }) => card);
		expect(strip(await db.cards.toArray())).toEqual(strip(before));
		expect(session.view?.card.id).toBe(shown.id);
		expect(session.answeredCount).toBe(0);
		expect(session.undoStack).toEqual([]);
		stop();
	});

	it('a grade pressed while the previous answer is being written is applied after it', async () => {
		let second: Promise<void> | undefined;
		let next: string | undefined;
		const { db, session, tick, stop } = await setup((s) => {
			if (!second) {
				next = s.view?.card.id;
				s.reveal();
				second = s.grade(Rating.Hard);
			}
		});
		const first = session.view!.card;
		tick(5 * SECOND);
		session.reveal();
		await session.grade(Rating.Good);
		await second;
		const reviews = await db.reviews.toArray();
		expect(reviews.map((r) => r.rating).sort()).toEqual([Rating.Hard, Rating.Good].sort());
		expect(reviews.find((r) => r.rating === Rating.Good)?.cardId).toBe(first.id);
		expect(reviews.find((r) => r.rating === Rating.Hard)?.cardId).toBe(next);
		expect(session.answeredCount).toBe(2);
		stop();
	});

	it('another tab answering the card planned next: this tab plans again and does not show it', async () => {
		const { db, session, tick, stop } = await setup();
		const current = session.view!.card;
		const scope = await studyScope(db, session.deckId);
		const planned = (await planNext(db, scope, NOW, { answering: current })).card!;
		const otherTab = new EngramDB(db.name);
		await answerCard(
			otherTab,
			answerInput(planned, { grade: Rating.Easy, now: new Date(NOW.getTime() + SECOND) })
		);
		tick(5 * SECOND);
		session.reveal();
		await session.grade(Rating.Good);
		expect(session.error).toBeUndefined();
		expect(session.notice).toBeUndefined();
		expect(session.view?.card.id).not.toBe(planned.id);
		expect(await db.reviews.where('cardId').equals(current.id).count()).toBe(1);
		// The day's progress was read again: both answers count against today's new cards.
		const fresh = await loadedFresh(db, session.deckId, new Date(NOW.getTime() + 5 * SECOND));
		await vi.waitFor(() => expect(session.remaining?.learning).toBeTypeOf('number'));
		expect(session.remaining).toEqual(fresh.remaining);
		otherTab.close();
		stop();
	});

	it("counts today's learning cards once: answers move the count and never count again", async () => {
		const { db, reads, session, tick, stop } = await setup();
		await vi.waitFor(() => expect(session.remaining?.learning).toBeTypeOf('number'));
		reads.reset();
		for (let i = 0; i < 6; i += 1) {
			tick(5 * SECOND);
			session.reveal();
			await session.grade(i % 2 === 0 ? Rating.Again : Rating.Good);
		}
		await settled(session);
		expect(reads.countsByTable.cards ?? 0).toBe(0);
		const at = new Date(NOW.getTime() + 6 * 5 * SECOND);
		const fresh = await loadedFresh(db, session.deckId, at);
		expect(session.remaining?.learning).toBeGreaterThan(0);
		expect(session.remaining).toEqual(fresh.remaining);
		stop();
	});

	it('a learning count still under way while answers are written adds them when it arrives', async () => {
		const db = freshDb();
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		// The count is taken at once (on the data as it is then) but its answer arrives late.
		const queue = await vi.importActual<typeof QueueModule>('$lib/storage/queue');
		vi.mocked(countLearningDue).mockImplementationOnce(async (...args) => {
			const counted = await queue.countLearningDue(...args);
			await held;
			return counted;
		});
		const deck = bundledDeck();
		await seedDeck(db, deck, NOW);
		let time = NOW.getTime();
		const session = new StudySession(db, deck.id, () => new Date(time));
		const stop = session.watchChanges();
		await session.load();
		for (let i = 0; i < 4; i += 1) {
			time += 5 * SECOND;
			session.reveal();
			await session.grade(Rating.Again);
		}
		expect(session.remaining?.learning).toBeUndefined();
		release();
		await vi.waitFor(() => expect(session.remaining?.learning).toBeTypeOf('number'));
		const fresh = await loadedFresh(db, deck.id, new Date(time));
		expect(fresh.remaining?.learning).toBe(4);
		expect(session.remaining).toEqual(fresh.remaining);
		stop();
	});

	it("keeps the day's progress between answers, and reads it again after another tab's answer", async () => {
		const { db, reads, session, tick, stop } = await setup();
		const reviewReads = (counter: ReadCounter) =>
			(counter.records.reviews ?? 0) +
			(counter.countsByTable.reviews ?? 0) +
			(counter.keysByTable.reviews ?? 0);
		reads.reset();
		for (let i = 0; i < 5; i += 1) {
			tick(5 * SECOND);
			session.reveal();
			await session.grade(Rating.Good);
		}
		await settled(session);
		// Five answers written and five next cards planned: not one review read or counted.
		expect(reviewReads(reads)).toBe(0);
		expect(await db.reviews.count()).toBe(5);
		reads.reset();

		const otherTab = new EngramDB(db.name);
		const card = (await otherTab.cards.filter((card) => card.queue === 'new').last())!;
		await answerCard(otherTab, answerInput(card));
		await settled(session);
		expect(reviewReads(reads)).toBeGreaterThan(0);
		otherTab.close();
		stop();
	});

	it("writes an answer only once the card after the next is rendered: the lookahead's reads never wait for the write", async () => {
		// The browser answers a read asked for after a write once that write commits, so a write
		// sent between the lookahead's plan and its render held the render back (10–16 ms a grade).
		const { log, db } = renderWriteLog();
		const { session, stop, answerPainted } = await handPaintedSession(db);
		await settled(session);
		log.length = 0;
		for (let i = 0; i < 4; i += 1) {
			await answerPainted(Rating.Good);
		}
		// Each answer: the card after the next rendered, then the answer written.
		expect(log).toEqual(Array(4).fill(['render', 'write']).flat());
		stop();
	});

	it('renders the card after the next while the next card waits for its frame', async () => {
		const { log, db } = renderWriteLog();
		const { session, tick, stop, paint, nextFrame } = await handPaintedSession(db);
		await settled(session);
		log.length = 0;
		tick();
		session.reveal();
		const graded = session.grade(Rating.Good);
		await nextFrame();
		// Not painted yet: the lookahead reads now, so it is ready even for a grade a frame later.
		await vi.waitFor(() => expect(log).toEqual(['render']));
		paint();
		await graded;
		expect(log).toEqual(['render', 'write']);
		stop();
	});
});
