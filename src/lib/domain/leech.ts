/**
 * Leeches, as in Anki: a card forgotten again and again (its lapses reach the preset's
 * threshold) is tagged `leech` on its note, and suspended too if the preset says so, so the
 * learner rewrites it instead of failing it for ever. It fires when a lapse brings the count to
 * the threshold and then every half threshold (rounded up) after, like Anki's scheduler.
 */
import type { CardRecord } from './model';
import { DEFAULT_LEECH, type LeechAction } from './preset';

export { DEFAULT_LEECH, type LeechAction };

export const LEECH_ACTIONS: readonly LeechAction[] = ['tag', 'suspend'];

export const LEECH_THRESHOLD_RANGE = { min: 1, max: 9999 } as const;

export const LEECH_TAG = 'leech';

/** A preset's leech options; presets stored before they existed have Anki's defaults. */
export function leechOptions(preset: { leechThreshold?: number; leechAction?: LeechAction }): {
	threshold: number;
	action: LeechAction;
} {
	return {
		threshold: preset.leechThreshold ?? DEFAULT_LEECH.threshold,
		action: preset.leechAction ?? DEFAULT_LEECH.action
	};
}

/** True at `threshold` lapses and every half threshold (rounded up) after that. */
export function leechThresholdMet(lapses: number, threshold: number): boolean {
	if (threshold <= 0 || lapses < threshold) {
		return false;
	}
	const half = Math.max(1, Math.ceil(threshold / 2));
	return (lapses - threshold) % half === 0;
}

/**
 * What an answer that took `before` to `after` does as a leech: undefined unless it was a new
 * lapse (the lapse count went up) that meets the threshold.
 */
export function leechAfterAnswer(
	before: Pick<CardRecord, 'lapses'>,
	after: Pick<CardRecord, 'lapses'>,
	preset: { leechThreshold?: number; leechAction?: LeechAction }
): LeechAction | undefined {
	const { threshold, action } = leechOptions(preset);
	return after.lapses > before.lapses && leechThresholdMet(after.lapses, threshold)
		? action
		: undefined;
}

/** For `is:leech`: the card has lapsed at least the threshold of its preset. */
export function isLeechByLapses(lapses: number, threshold: number): boolean {
	return threshold > 0 && lapses >= threshold;
}

/** The note's tags with `leech` added (once, whatever its case), or undefined if it had it. */
export function withLeechTag(tags: readonly string[]): string[] | undefined {
	return tags.some(isLeechTag) ? undefined : [...tags, LEECH_TAG];
}

export const isLeechTag = (tag: string): boolean => tag.toLowerCase() === LEECH_TAG;

/** The short notice the study screen shows when an answer made a leech. */
export function leechNotice(action: LeechAction): string {
	return action === 'suspend' ? 'Leech: card tagged and suspended.' : 'Leech: card tagged.';
}
