/**
 * The deck options form's edit of one preset: its fields and saving them. The form keeps this
 * object over the screen made again when another tab's restore or import ends (keptState): a
 * refused save's message and the options changed stay, over the preset as read anew, so an
 * option left alone shows what the other tab stored and saving does not put the old value back.
 */
import { maxAnswerSeconds } from '$lib/domain/answer-time';
import { leechOptions } from '$lib/domain/leech';
import type { DeckPreset } from '$lib/domain/preset';
import { formatSteps, parseSteps } from '$lib/domain/preset-validation';
import { SaveStatus } from '$lib/state/save-status.svelte';
import type { EngramDB } from '$lib/storage/db';
import { savePreset } from '$lib/storage/presets';
import type { PresetDraft } from './preset-fields';

function draftOf(preset: DeckPreset): PresetDraft {
	return {
		...preset,
		learning: formatSteps(preset.learningSteps),
		relearning: formatSteps(preset.relearningSteps),
		retentionPercent: Math.round(preset.desiredRetention * 100),
		leechThreshold: leechOptions(preset).threshold,
		leechAction: leechOptions(preset).action,
		maxAnswerSeconds: maxAnswerSeconds(preset)
	};
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class PresetEdit {
	draft: PresetDraft;
	readonly status = new SaveStatus();
	/** The preset as read, to tell which options the user changed. */
	#read: PresetDraft;

	constructor(preset: DeckPreset) {
		this.#read = draftOf(preset);
		this.draft = $state(draftOf(preset));
	}

	/** Shows `preset` as read anew, with the options the user changed (and not saved) kept. */
	reread(preset: DeckPreset): void {
		const fresh = draftOf(preset);
		const typed = $state.snapshot(this.draft);
		const read = this.#read;
		this.draft = Object.fromEntries(
			Object.entries(fresh).map(([name, value]) => {
				const key = name as keyof PresetDraft;
				return [key, same(typed[key], read[key]) ? value : typed[key]];
			})
		) as PresetDraft;
		this.#read = fresh;
	}

	/**
	 * Saves the options, with `preset`'s parameters: the optimiser may have applied them since the
	 * form opened (`preset` follows the stored one; the draft does not). Tells whether it saved.
	 */
	save(db: EngramDB, preset: DeckPreset, now: Date): Promise<boolean> {
		const { learning, relearning, retentionPercent, ...rest } = this.draft;
		return this.status.save(() =>
			savePreset(
				db,
				{
					...rest,
					// A plain copy: IndexedDB cannot store the reactive proxy.
					weights: $state.snapshot(preset.weights),
					desiredRetention: retentionPercent / 100,
					learningSteps: parseSteps(learning),
					relearningSteps: parseSteps(relearning)
				},
				now
			)
		);
	}
}
