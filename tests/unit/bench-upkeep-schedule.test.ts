// The bench compacts its collections by letting Chromium run its own close-time upkeep
// (compact-collections.ts): upkeep-schedule.ts reads the bucket's next sweep and compaction times
// from the database's LevelDB log and picks the clock at which only the compaction is due.
import { describe, expect, it } from 'vitest';
import {
	COMPACTION_KEY,
	SWEEP_KEY,
	chromiumTime,
	lastValue,
	logRecords,
	nextClose,
	upkeepOf
} from '../bench/upkeep-schedule';

const BLOCK = 32 * 1024;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-01T18:00:00Z');

type Entry = [key: number[], value?: Uint8Array];

function varint(n: number): number[] {
	const out: number[] = [];
	for (; n >= 0x80; n = Math.floor(n / 128)) {
		out.push((n & 0x7f) | 0x80);
	}
	return [...out, n];
}

/** A LevelDB write batch: sequence and count, then puts (tag 1) and deletes (tag 0). */
function batch(entries: Entry[]): number[] {
	const out = [...new Array<number>(8).fill(0), entries.length, 0, 0, 0];
	for (const [key, value] of entries) {
		out.push(value ? 1 : 0, ...varint(key.length), ...key);
		if (value) {
			out.push(...varint(value.length), ...value);
		}
	}
	return out;
}

/** A log file holding `records` (no checksums: the reader does not check them). */
function log(records: number[][]): Uint8Array {
	const out: number[] = [];
	for (const record of records) {
		let rest = record;
		let first = true;
		do {
			const room = BLOCK - (out.length % BLOCK);
			if (room < 7) {
				out.push(...new Array<number>(room).fill(0));
				continue;
			}
			const piece = rest.slice(0, room - 7);
			rest = rest.slice(piece.length);
			const type = first ? (rest.length ? 2 : 1) : rest.length ? 3 : 4;
			out.push(0, 0, 0, 0, piece.length & 0xff, piece.length >> 8, type, ...piece);
			first = false;
		} while (rest.length);
	}
	return Uint8Array.from(out);
}

/** Unix ms as Chromium writes a time: micro-seconds since 1601, little-endian, shortest. */
function chromium(ms: number): Uint8Array {
	let micros = BigInt(ms + 11_644_473_600_000) * 1000n;
	const out: number[] = [];
	for (; micros > 0n; micros >>= 8n) {
		out.push(Number(micros & 0xffn));
	}
	return Uint8Array.from(out);
}

describe('bench upkeep schedule', () => {
	it('reads the last value of a key across records, blocks and files', () => {
		const filler = new Array<number>(40_000).fill(7);
		const older = log([batch([[SWEEP_KEY, Uint8Array.of(1)]])]);
		const newer = log([
			batch([[[1, 2, 3], Uint8Array.from(filler)]]), // spans two blocks
			batch([
				[SWEEP_KEY, Uint8Array.of(2)],
				[COMPACTION_KEY, Uint8Array.of(3)]
			])
		]);
		expect(logRecords(newer)).toHaveLength(2);
		expect(logRecords(newer)[0]).toHaveLength(12 + 1 + 1 + 3 + 3 + filler.length);
		expect(lastValue([older, newer], SWEEP_KEY)).toEqual(Uint8Array.of(2));
		expect(lastValue([newer, older], SWEEP_KEY)).toEqual(Uint8Array.of(1));
		expect(lastValue([older], COMPACTION_KEY)).toBeUndefined();
	});

	it('forgets a value deleted after it was written, and stops at a torn record', () => {
		const deleted = log([batch([[SWEEP_KEY, Uint8Array.of(1)]]), batch([[SWEEP_KEY]])]);
		expect(lastValue([deleted], SWEEP_KEY)).toBeUndefined();
		const torn = log([
			batch([[SWEEP_KEY, Uint8Array.of(1)]]),
			batch([[SWEEP_KEY, Uint8Array.of(9)]])
		]);
		expect(lastValue([torn.subarray(0, torn.length - 3)], SWEEP_KEY)).toEqual(Uint8Array.of(1));
	});

	it("decodes Chromium's times (as read from a bench profile after its first upkeep)", () => {
		// The compaction time Chromium 150 wrote in the 100k collection's log (session 15).
		const written = Uint8Array.of(77, 5, 37, 13, 88, 192, 47);
		expect(new Date(chromiumTime(written)).toISOString()).toBe('2026-12-03T21:51:55.585Z');
		expect(chromiumTime(chromium(NOW))).toBe(NOW);
		const upkeep = upkeepOf([
			log([
				batch([
					[SWEEP_KEY, chromium(NOW + 2 * DAY)],
					[COMPACTION_KEY, chromium(NOW + DAY)]
				])
			])
		]);
		expect(upkeep).toEqual({ sweepAt: NOW + 2 * DAY, compactAt: NOW + DAY });
	});

	it('closes a never cleaned bucket with both due, past the session-wide wait', () => {
		const clock = nextClose({}, NOW);
		expect(clock.runs).toBe('both');
		expect(clock.openAt).toBeGreaterThanOrEqual(NOW);
		expect(clock.closeAt - clock.openAt).toBeGreaterThan(HOUR);
	});

	// Whichever comes first runs alone: closed between the two times, past the session-wide wait.
	it.each([
		['compaction', { compactAt: NOW + DAY, sweepAt: NOW + 2 * DAY }],
		['sweeper', { sweepAt: NOW + DAY, compactAt: NOW + 2 * DAY }]
	] as const)('lets the %s run alone when it comes first', (runs, upkeep) => {
		const clock = nextClose(upkeep, NOW);
		expect(clock.runs).toBe(runs);
		expect(clock.closeAt).toBeGreaterThan(NOW + DAY);
		expect(clock.closeAt).toBeLessThan(NOW + 2 * DAY);
		expect(clock.closeAt - clock.openAt).toBeGreaterThan(HOUR);
	});

	it('runs the compaction alone when only the sweeper has a time still to come', () => {
		const clock = nextClose({ sweepAt: NOW + 3 * DAY }, NOW);
		expect(clock.runs).toBe('compaction');
		expect(clock.closeAt).toBeLessThan(NOW + 3 * DAY);
	});

	it('falls back to both when the two times are too close to part', () => {
		const clock = nextClose({ sweepAt: NOW + DAY, compactAt: NOW + DAY + 60_000 }, NOW);
		expect(clock.runs).toBe('both');
		expect(clock.closeAt).toBeGreaterThan(NOW + DAY + 60_000);
	});
});
