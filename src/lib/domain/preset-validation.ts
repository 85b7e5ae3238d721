/** Checks deck options as the options screen, deck files and imports take them. */
import type { StepUnit, Steps } from 'ts-fsrs';
import { MAX_ANSWER_SECONDS_RANGE, maxAnswerSeconds } from './answer-time';
import { LEECH_ACTIONS, LEECH_THRESHOLD_RANGE, leechOptions } from './leech';
import type { DeckPreset, NewMix, NewOrder } from './preset';

export const RETENTION_RANGE = { min: 0.7, max: 0.99 } as const;

/** Invalid deck options; the message is one sentence the options screen can show as is. */
export class PresetError extends Error {
	override name = 'PresetError';
}

const STEP = /^(\d+(?:\.\d+)?)(m|h|d)$/;

/**
 * Parses learning steps as written in Anki's deck options: `1m 10m`, `10m 1h 1d`, or empty for
 * FSRS short-term scheduling. Throws a PresetError naming the first bad step.
 */
export function parseSteps(text: string): StepUnit[] {
	const parts = text
		.trim()
		.split(/[\s,]+/)
		.filter(Boolean);
	return parts.map((part) => {
		const match = STEP.exec(part);
		if (!match || Number(match[1]) <= 0) {
			throw new PresetError(
				`“${part}” is not a step: write steps like “1m 10m” (m = minutes, h = hours, d = days).`
			);
		}
		return `${Number(match[1])}${match[2]}` as StepUnit;
	});
}

export function formatSteps(steps: Steps): string {
	return steps.join(' ');
}

const NEW_ORDERS: readonly NewOrder[] = ['deck', 'random'];
const NEW_MIXES: readonly NewMix[] = ['before', 'after', 'mixed'];

function wholeNumber(value: number, label: string, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new PresetError(`${label} must be a whole number from ${min} to ${max}.`);
	}
	return value;
}

/** Checks every option and returns a clean copy; throws a PresetError with one clear sentence. */
export function validatePreset(preset: DeckPreset): DeckPreset {
	const { min, max } = RETENTION_RANGE;
	const retention = preset.desiredRetention;
	if (!Number.isFinite(retention) || retention < min || retention > max) {
		throw new PresetError(`Desired retention must be between ${min} and ${max}.`);
	}
	if (!preset.name.trim()) {
		throw new PresetError('A preset needs a name.');
	}
	if (!NEW_ORDERS.includes(preset.newOrder)) {
		throw new PresetError('New-card order must be “deck” or “random”.');
	}
	if (!NEW_MIXES.includes(preset.newMix)) {
		throw new PresetError('New cards must come before, after or mixed with reviews.');
	}
	const leech = leechOptions(preset);
	if (!LEECH_ACTIONS.includes(leech.action)) {
		throw new PresetError('The leech action must be “tag” or “suspend”.');
	}
	const weights = preset.weights;
	if (weights && (weights.length < 19 || !weights.every(Number.isFinite))) {
		throw new PresetError('FSRS parameters must be a list of at least 19 numbers.');
	}
	return {
		...preset,
		name: preset.name.trim(),
		newPerDay: wholeNumber(preset.newPerDay, 'New cards per day', 0, 9999),
		reviewsPerDay: wholeNumber(preset.reviewsPerDay, 'Maximum reviews per day', 0, 99999),
		maximumInterval: wholeNumber(preset.maximumInterval, 'Maximum interval', 1, 36500),
		learningSteps: parseSteps(formatSteps(preset.learningSteps)),
		relearningSteps: parseSteps(formatSteps(preset.relearningSteps)),
		enableFuzz: Boolean(preset.enableFuzz),
		burySiblings: Boolean(preset.burySiblings),
		leechThreshold: wholeNumber(
			leech.threshold,
			'Leech threshold',
			LEECH_THRESHOLD_RANGE.min,
			LEECH_THRESHOLD_RANGE.max
		),
		leechAction: leech.action,
		maxAnswerSeconds: wholeNumber(
			maxAnswerSeconds(preset),
			'Maximum answer seconds',
			MAX_ANSWER_SECONDS_RANGE.min,
			MAX_ANSWER_SECONDS_RANGE.max
		)
	};
}
