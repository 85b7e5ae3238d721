// The bench's statistics: nearest-rank percentiles, medians, same-run ratios and the rotation
// that makes runs alternate. A wrong p95 or ratio here would misreport every budget.
import { describe, expect, it } from 'vitest';
import { median, medianRatio, percentile, rotate } from '../bench/stats';

describe('bench statistics', () => {
	it('takes nearest-rank percentiles', () => {
		const values = Array.from({ length: 200 }, (_, i) => 200 - i);
		expect(percentile(values, 50)).toBe(100);
		expect(percentile(values, 95)).toBe(190);
		expect(percentile([7], 95)).toBe(7);
		expect(percentile([], 50)).toBeNaN();
	});

	it('medians odd and even counts', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
	});

	it('divides within each run before taking the median', () => {
		// Run 2 is slow for both sizes: per-run ratios stay 2, while a ratio of medians would not.
		expect(medianRatio([20, 200, 22], [10, 100, 11])).toBe(2);
	});

	it('leaves out runs that did not record the figure (NaN), in medians and ratios', () => {
		// Session 17's table: a 1k cold start without a boot-card mark made its ratio row "NaN ×".
		expect(median([423.7, 291.4, Number.NaN, 328.6, 290.6])).toBeCloseTo(310);
		expect(medianRatio([20, Number.NaN, 30], [10, 10, 10])).toBe(2.5);
		expect(median([Number.NaN])).toBeNaN();
	});

	it('rotates the order so each item goes first in turn', () => {
		expect(rotate(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
		expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
		expect(rotate(['a', 'b', 'c'], 5)).toEqual(['c', 'a', 'b']);
	});
});
