/**
 * The cap on a review's recorded time, Anki's "Maximum answer seconds" (deck config `maxTaken`,
 * proto `cap_answer_time_to_secs`): a card left on screen while the learner was away counts as
 * this long, so time statistics and the optimiser are not skewed by one coffee break.
 */
import { DEFAULT_MAX_ANSWER_SECONDS } from './preset';

export { DEFAULT_MAX_ANSWER_SECONDS };

/** Anki's options screen's limits. */
export const MAX_ANSWER_SECONDS_RANGE = { min: 30, max: 600 } as const;

/** A preset's cap in seconds; presets stored before the option have Anki's default. */
export function maxAnswerSeconds(preset: { maxAnswerSeconds?: number }): number {
	return preset.maxAnswerSeconds ?? DEFAULT_MAX_ANSWER_SECONDS;
}

/** The time a review records: whole milliseconds, never negative, at most the preset's cap. */
export function recordedAnswerMs(elapsedMs: number, preset: { maxAnswerSeconds?: number }): number {
	const ms = Number.isFinite(elapsedMs) ? Math.round(elapsedMs) : 0;
	return Math.min(Math.max(0, ms), maxAnswerSeconds(preset) * 1000);
}
