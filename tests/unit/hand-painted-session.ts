/**
 * A study session on the bundled deck whose next-card frames the test paints one by one (the
 * answer's write waits for that paint), on a clock the test moves five seconds at a time.
 */
import { expect, vi } from 'vitest';
import type { Grade } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import type { EngramDB } from '$lib/storage/db';
import { seedDeck } from '$lib/storage/seed';
import { bundledDeck, freshDb, NOW } from './helpers';

const SECOND = 1000;

export async function handPaintedSession(db: EngramDB = freshDb()) {
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	let time = NOW.getTime();
	const frames: (() => void)[] = [];
	const painted = () => new Promise<boolean>((resolve) => frames.push(() => resolve(false)));
	const storage = { persisted: async () => false, persist: async () => true };
	const session = new StudySession(
		db,
		deck.id,
		() => new Date(time),
		4,
		() => storage,
		painted
	);
	const stop = session.watchChanges();
	await session.load();
	const tick = () => (time += 5 * SECOND);
	const paint = () => frames.shift()!();
	const nextFrame = () => vi.waitFor(() => expect(frames).toHaveLength(1));
	/** Five seconds on, the answer shown and graded, its next card's frame painted, then stored. */
	const answerPainted = async (grade: Grade) => {
		tick();
		session.reveal();
		const graded = session.grade(grade);
		await nextFrame();
		paint();
		await graded;
	};
	return { db, frames, session, stop, tick, paint, nextFrame, answerPainted };
}
