/** Canonical JSON: equal records give equal text whatever their key order, and come back equal. */
import { describe, expect, it } from 'vitest';
import { canonicalJson, parseJsonLines, toJsonLines } from '$lib/domain/backup/canonical';

describe('canonical JSON lines', () => {
	it('sorts keys at every level and leaves out undefined', () => {
		const a = { b: 1, a: { y: [2, { d: 1, c: 2 }], x: 'é\n' }, u: undefined };
		const b = { a: { x: 'é\n', y: [2, { c: 2, d: 1 }] }, b: 1 };
		expect(canonicalJson(a)).toBe(canonicalJson(b));
		expect(canonicalJson(a)).toBe('{"a":{"x":"é\\n","y":[2,{"c":2,"d":1}]},"b":1}');
	});

	it('brings back Dates, invalid Dates and non-finite numbers; a field named $date stays text', () => {
		const records = [
			{
				id: 'a',
				due: new Date(2026, 2, 10),
				bad: new Date(Number.NaN),
				s: Number.NaN,
				t: -Infinity
			},
			{ id: 'b', fields: { $date: 'a field', Back: 'x' }, one: { $date: 'only key' } }
		];
		const [first, second] = parseJsonLines(toJsonLines(records)) as [
			Record<string, unknown>,
			Record<string, unknown>
		];
		expect(first.due).toEqual(new Date(2026, 2, 10));
		expect(Number.isNaN((first.bad as Date).getTime())).toBe(true);
		expect(first.s).toBeNaN();
		expect(first.t).toBe(-Infinity);
		expect(second.fields).toEqual({ $date: 'a field', Back: 'x' });
		expect(parseJsonLines('')).toEqual([]);
	});
});
