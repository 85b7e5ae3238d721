/** Order statistics for the bench: medians of runs, percentiles of samples, ratios of medians. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) {
		return Number.NaN;
	}
	const sorted = [...values].sort((a, b) => a - b);
	// Nearest-rank: the smallest value with at least p% of the samples at or below it.
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
	// NaN is a run that did not record the figure (a cold start whose boot card did not paint has
	// no boot-card mark): left out, not sorted in, which put it anywhere and made the ratio NaN.
	const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
	if (sorted.length === 0) {
		return Number.NaN;
	}
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median over runs of each run's ratio: every ratio compares figures from the same run. */
export function medianRatio(
	numerators: readonly number[],
	denominators: readonly number[]
): number {
	return median(numerators.map((value, i) => value / denominators[i]!));
}

/** Rotates `items` by `run`, so that over several runs each goes first in turn (alternating runs). */
export function rotate<T>(items: readonly T[], run: number): T[] {
	const k = run % items.length;
	return [...items.slice(k), ...items.slice(0, k)];
}
