/**
 * Anki's "Reset" (Forget) choices: put the card back where it stood in the new-card order, or at
 * its end; keep its repetition and lapse counts, or zero them. The last choice is remembered, as
 * Anki remembers it, one for the study screen and one for the browser.
 */
export interface ResetOptions {
	/** Back to the card's place among the new cards; false: after the last new card of its deck. */
	restorePosition: boolean;
	/** Zero the card's reps and lapses; false: they stay. */
	resetCounts: boolean;
}

/** Anki's defaults: restore the position, keep the counts. */
export const DEFAULT_RESET_OPTIONS: ResetOptions = { restorePosition: true, resetCounts: false };

/** A stored value as options; anything else, the defaults. */
export function resetOptionsFrom(value: unknown): ResetOptions {
	if (typeof value !== 'object' || value === null) {
		return DEFAULT_RESET_OPTIONS;
	}
	const { restorePosition, resetCounts } = value as Partial<Record<keyof ResetOptions, unknown>>;
	return {
		restorePosition:
			typeof restorePosition === 'boolean'
				? restorePosition
				: DEFAULT_RESET_OPTIONS.restorePosition,
		resetCounts: typeof resetCounts === 'boolean' ? resetCounts : DEFAULT_RESET_OPTIONS.resetCounts
	};
}

/** The options as the text a bulk edit's value carries (to the browse worker and back). */
export function resetOptionsText(options: ResetOptions): string {
	return JSON.stringify(options);
}

/** Options from `resetOptionsText`; the defaults for text that is not. */
export function resetOptionsFromText(text: string): ResetOptions {
	try {
		return resetOptionsFrom(JSON.parse(text));
	} catch {
		return DEFAULT_RESET_OPTIONS;
	}
}
