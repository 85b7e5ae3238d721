/** The grade buttons' interval labels: a table of known values, then properties over all spans. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDueIn, formatInterval } from '$lib/domain/interval-format';
import { NOW } from './helpers';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const UNIT: Record<string, number> = { m: M, h: H, d: D, mo: 30 * D, y: 365 * D };

/** Reads a label back into milliseconds (`<1m` as 0). */
function parse(label: string): number {
	if (label === '<1m') {
		return 0;
	}
	const match = /^(\d+(?:\.\d)?)(m|h|d|mo|y)$/.exec(label);
	if (!match) {
		throw new Error(`not a label: ${label}`);
	}
	return Number(match[1]) * UNIT[match[2]!]!;
}

describe('formatInterval', () => {
	it.each([
		[0, '<1m'],
		[59 * S, '<1m'],
		[M, '1m'],
		[10 * M, '10m'],
		[59 * M + 29 * S, '59m'],
		[59 * M + 31 * S, '1h'],
		[H, '1h'],
		[3 * H, '3h'],
		[23 * H + 31 * M, '1d'],
		[D, '1d'],
		[12 * D, '12d'],
		[29 * D + 13 * H, '1mo'],
		[30 * D, '1mo'],
		[96 * D, '3.2mo'],
		[45 * D, '1.5mo'],
		[359 * D, '1y'],
		[365 * D, '1y'],
		[1.5 * 365 * D, '1.5y'],
		[100 * 365 * D, '100y']
	])('%d ms reads %s', (ms, label) => {
		expect(formatInterval(ms)).toBe(label);
	});

	it('formats the time from now until a due date, never negative', () => {
		expect(formatDueIn(new Date(NOW.getTime() + 10 * M), NOW)).toBe('10m');
		expect(formatDueIn(new Date(NOW.getTime() - D), NOW)).toBe('<1m');
	});

	const span = fc.integer({ min: 0, max: 200 * 365 * D });

	it('reads back within half a step of the unit it shows (round trip)', () => {
		fc.assert(
			fc.property(span, (ms) => {
				const label = formatInterval(ms);
				const back = parse(label);
				if (label === '<1m') {
					expect(ms).toBeLessThan(M);
					return;
				}
				const unit = /mo$|y$/.test(label)
					? UNIT[label.replace(/[\d.]+/, '')]! / 10
					: UNIT[label.replace(/\d+/, '')]!;
				expect(Math.abs(back - ms)).toBeLessThanOrEqual(unit / 2 + 1);
			}),
			{ numRuns: 2000 }
		);
	});

	it('never shows a smaller label for a longer interval', () => {
		fc.assert(
			fc.property(span, span, (a, b) => {
				const [short, long] = a <= b ? [a, b] : [b, a];
				expect(parse(formatInterval(short))).toBeLessThanOrEqual(parse(formatInterval(long)));
			}),
			{ numRuns: 2000 }
		);
	});
});
