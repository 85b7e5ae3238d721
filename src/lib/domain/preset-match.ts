/** Whether two presets schedule alike, so an import can reuse one already stored. */
import { maxAnswerSeconds } from './answer-time';
import { leechOptions } from './leech';
import type { DeckPreset } from './preset';

/**
 * Whether two presets schedule alike: every option but the id, name and mtime, with the leech
 * and answer-time defaults filled in for presets stored before them. An import reuses such a preset.
 */
export function sameOptions(a: DeckPreset, b: DeckPreset): boolean {
	return optionsKey(a) === optionsKey(b);
}

function optionsKey(preset: DeckPreset): string {
	const leech = leechOptions(preset);
	const options: Record<string, unknown> = {
		...preset,
		leechThreshold: leech.threshold,
		leechAction: leech.action,
		maxAnswerSeconds: maxAnswerSeconds(preset)
	};
	return JSON.stringify(
		Object.keys(options)
			.filter((key) => !['id', 'name', 'mtime'].includes(key) && options[key] !== undefined)
			.sort()
			.map((key) => [key, options[key]])
	);
}
