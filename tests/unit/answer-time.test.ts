// The cap on a review's recorded time (Anki's "Maximum answer seconds"): a card left on screen
// for five minutes on a fixed clock is stored as the preset's cap, a quick answer as it took,
// and the option is checked like every other preset option.
import { describe, expect, it } from 'vitest';
import { recordedAnswerMs } from '$lib/domain/answer-time';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { PresetError, validatePreset } from '$lib/domain/preset-validation';
import { sameOptions } from '$lib/domain/preset-match';
import { Rating } from '$lib/domain/scheduler';
import { StudySession } from '$lib/state/study-session.svelte';
import { assignPreset, savePreset } from '$lib/storage/presets';
import { seedDeck } from '$lib/storage/seed';
import { bundledDeck, freshDb, NOW } from './helpers';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

async function sessionOnClock(maxAnswerSeconds?: number) {
	const db = freshDb();
	const deck = bundledDeck();
	await seedDeck(db, deck, NOW);
	if (maxAnswerSeconds !== undefined) {
		await savePreset(db, { ...DEFAULT_PRESET, id: 'slow', name: 'Slow', maxAnswerSeconds }, NOW);
		await assignPreset(db, deck.id, 'slow', NOW);
	}
	let time = NOW.getTime();
	const session = new StudySession(db, deck.id, () => new Date(time));
	await session.load();
	/** Leaves the card on screen for `ms`, then shows the answer and grades it Good. */
	const answerAfter = async (ms: number) => {
		const cardId = session.view!.card.id;
		time += ms;
		session.reveal();
		await session.grade(Rating.Good);
		return (await db.reviews.where('cardId').equals(cardId).last())!.duration;
	};
	return { answerAfter };
}

describe('maximum answer seconds', () => {
	it('a review that took 5 minutes is stored as 60 s; one that took 7 s as 7 s', async () => {
		const { answerAfter } = await sessionOnClock();
		expect(await answerAfter(5 * MINUTE)).toBe(60 * SECOND);
		expect(await answerAfter(7 * SECOND)).toBe(7 * SECOND);
	});

	it('follows the deck’s preset: a 120 s cap stores 120 s of a 5-minute answer', async () => {
		const { answerAfter } = await sessionOnClock(120);
		expect(await answerAfter(5 * MINUTE)).toBe(120 * SECOND);
	});

	it('recorded time is whole, never negative, and presets stored before the option cap at 60 s', () => {
		const old = { ...DEFAULT_PRESET, maxAnswerSeconds: undefined };
		expect(recordedAnswerMs(1234.6, old)).toBe(1235);
		expect(recordedAnswerMs(-50, old)).toBe(0);
		expect(recordedAnswerMs(Number.NaN, old)).toBe(0);
		expect(recordedAnswerMs(10 * MINUTE, old)).toBe(60 * SECOND);
		expect(recordedAnswerMs(10 * MINUTE, { maxAnswerSeconds: 600 })).toBe(10 * MINUTE);
	});

	it('is validated like Anki’s options (30 to 600 whole seconds); an old preset gets 60', () => {
		for (const bad of [29, 601, 45.5]) {
			expect(() => validatePreset({ ...DEFAULT_PRESET, maxAnswerSeconds: bad })).toThrow(
				new PresetError('Maximum answer seconds must be a whole number from 30 to 600.')
			);
		}
		const old = { ...DEFAULT_PRESET, maxAnswerSeconds: undefined };
		expect(validatePreset(old).maxAnswerSeconds).toBe(60);
		// A preset stored before the option schedules like one with Anki's default.
		expect(sameOptions(old, DEFAULT_PRESET)).toBe(true);
		expect(sameOptions(DEFAULT_PRESET, { ...DEFAULT_PRESET, maxAnswerSeconds: 90 })).toBe(false);
	});
});
