/**
 * What a person types for Anki's "Set due date": days from today, `0` (today), `3`, or a range
 * `1-7` that spreads cards over those days.
 */
export type DueDays = number | readonly [number, number];

const MAX_DAYS = 36500;

/** The days written in `text`, or undefined when it is not a number or a range of them. */
export function parseDueDays(text: string): DueDays | undefined {
	const match = /^\s*(\d{1,5})\s*(?:-\s*(\d{1,5})\s*)?$/.exec(text);
	if (!match) {
		return undefined;
	}
	const min = Number(match[1]);
	const max = match[2] === undefined ? min : Number(match[2]);
	if (max < min || max > MAX_DAYS) {
		return undefined;
	}
	return min === max ? min : [min, max];
}

/** "Card due today.", "Card due in 3 days.", "Card due in 1–7 days." */
export function dueDaysNotice(days: DueDays): string {
	if (typeof days !== 'number') {
		return `Card due in ${days[0]}–${days[1]} days.`;
	}
	return days === 0 ? 'Card due today.' : `Card due in ${days} day${days === 1 ? '' : 's'}.`;
}
