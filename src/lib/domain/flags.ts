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

export function flagName(flag: number): string {
	return FLAG_NAMES.find((item) => item.flag === flag)?.name ?? 'No flag';
}
