/**
 * The custom study dialog's choices (the option, its number, the tag fields) and doing what they
 * ask. The dialog keeps this object over the screen made again when another tab's restore or
 * import ends (keptState): a refused request stays chosen, with why it was not done, to try again.
 */
import {
	customStudyRequest,
	type CramKind,
	type CustomStudyKind,
	type CustomStudyRequest
} from '$lib/domain/custom-study/request';
import type { CustomStudyResult } from '$lib/storage/custom-study';
import type { EngramDB } from '$lib/storage/db';
import { SaveStatus } from './save-status.svelte';

/** Anki's starting values for each option. */
const DEFAULTS: Record<CustomStudyKind, string> = {
	'new-limit': '10',
	'review-limit': '50',
	forgot: '1',
	ahead: '1',
	preview: '1',
	cram: '100'
};

export class CustomStudyForm {
	kind = $state<CustomStudyKind>('new-limit');
	/** A number field binds a number, or null while it holds no valid number. */
	values = $state<Record<CustomStudyKind, string | number | null>>({ ...DEFAULTS });
	cram = $state<CramKind>('new');
	include = $state('');
	exclude = $state('');
	readonly status = new SaveStatus();

	/**
	 * `option`'s request as its fields stand, or why they make none. Only the tag option reads the
	 * tag fields, so typing a tag does not count the other options again.
	 */
	#check(option: CustomStudyKind) {
		const tags = option === 'cram' ? this : { include: '', exclude: '' };
		return customStudyRequest({
			kind: option,
			value: String(this.values[option] ?? ''),
			cram: this.cram,
			include: tags.include,
			exclude: tags.exclude
		});
	}

	/** `option`'s request as its fields stand. */
	requestFor(option: CustomStudyKind): CustomStudyRequest | undefined {
		const checked = this.#check(option);
		return checked.ok ? checked.request : undefined;
	}

	/**
	 * Does what the chosen option asks on `deckId`; undefined if it was not done, and then
	 * `status.error` says why (a bad number, no cards, or a write refused).
	 */
	async submit(
		db: EngramDB,
		deckId: string,
		now: Date,
		dayStartHour?: number
	): Promise<CustomStudyResult | undefined> {
		const checked = this.#check(this.kind);
		if (!checked.ok) {
			this.status.error = checked.error;
			return undefined;
		}
		let done: CustomStudyResult | undefined;
		await this.status.save(async () => {
			const { customStudy } = await import('$lib/storage/custom-study');
			done = await customStudy(db, deckId, checked.request, now, dayStartHour);
		});
		return done;
	}

	/** The dialog is dismissed: a message about the last try goes with it. */
	dismiss(): void {
		this.status.error = undefined;
	}
}
