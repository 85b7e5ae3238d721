/** Anki's card flags: 0 is no flag, 1..7 are colours, each with a CSS variable `--flag-N`. */
/** A flag colour's number. */
export type FlagColour = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const FLAG_NAMES: readonly { flag: FlagColour; name: string }[] = [
	{ flag: 1, name: 'Red' },
	{ flag: 2, name: 'Orange' },
	{ flag: 3, name: 'Green' },
	{ flag: 4, name: 'Blue' },
	{ flag: 5, name: 'Pink' },
	{ flag: 6, name: 'Turquoise' },
	{ flag: 7, name: 'Purple' }
];

/** Names the user gave flags (Anki's "Rename flag"); a flag without one shows its colour. */
export type CustomFlagNames = Partial<Record<FlagColour, string>>;

/** The longest name a flag may have. */
export const MAX_FLAG_NAME = 60;

export function flagName(flag: number, custom: CustomFlagNames = {}): string {
	return (
		custom[flag as FlagColour] ?? FLAG_NAMES.find((item) => item.flag === flag)?.name ?? 'No flag'
	);
}

/** Every flag with the name it shows, in colour order. */
export function flagNames(custom: CustomFlagNames = {}): { flag: FlagColour; name: string }[] {
	return FLAG_NAMES.map(({ flag }) => ({ flag, name: flagName(flag, custom) }));
}

/**
 * What the study screen says after a flag is set or taken off: the colour, and the name the
 * user gave it if any ("Flagged red: Check source."), so a renamed flag is recognisable.
 */
export function flagNotice(flag: number, custom: CustomFlagNames = {}): string {
	const colour = FLAG_NAMES.find((item) => item.flag === flag)?.name;
	if (!colour) {
		return 'Flag removed.';
	}
	const name = custom[flag as FlagColour];
	return name ? `Flagged ${colour.toLowerCase()}: ${name}.` : `Flagged ${colour.toLowerCase()}.`;
}
