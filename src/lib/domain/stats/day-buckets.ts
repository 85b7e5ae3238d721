/**
 * Distributions of a length in days (intervals, stability) over a fixed, roughly logarithmic set
 * of ranges, so one chart reads the same for a week-old collection and a ten-year-old one.
 */
export interface DayRange {
	label: string;
	/** Inclusive lower bound in days. */
	from: number;
	/** Exclusive upper bound in days. */
	to: number;
	count: number;
}

const RANGES: readonly [string, number, number][] = [
	['<1d', 0, 1],
	['1d', 1, 2],
	['2–3d', 2, 4],
	['4–7d', 4, 8],
	['1–2w', 8, 15],
	['2–4w', 15, 31],
	['1–3mo', 31, 91],
	['3–6mo', 91, 182],
	['6–12mo', 182, 366],
	['1–2y', 366, 731],
	['2y+', 731, Infinity]
];

export function bucketDays(values: Iterable<number>): DayRange[] {
	const ranges = RANGES.map(([label, from, to]) => ({ label, from, to, count: 0 }));
	for (const value of values) {
		const range = ranges.find((r) => value >= r.from && value < r.to);
		if (range) {
			range.count += 1;
		}
	}
	return ranges;
}
