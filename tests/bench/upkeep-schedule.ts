/**
 * When Chromium will next run its close-time upkeep on one origin's IndexedDB, and the wall clock
 * a browser must see for the compaction to run alone (compact-collections.ts).
 *
 * Chromium (150) runs two pre-close tasks when a database's last connection has been gone 2 s: a
 * tombstone sweeper, then a full LevelDB compaction, together given at most 60 s. Each is due once
 * the browser session's global time has passed (5–60 min after the session's first IndexedDB
 * open) and the bucket's own time (none on a bucket never swept or compacted; then 1–3 days after
 * the last run, written to the database when a run starts). On the 100k collection the sweeper
 * alone took the 60 s, so a compaction due beside it never ran. The bucket's times are LevelDB
 * records (keys 00 00 00 00 05 and 06, micro-seconds since 1601 as a little-endian integer), last
 * written to the database's `.log` file: read here, so the next close can come when only the
 * compaction is due.
 */

const BLOCK_BYTES = 32 * 1024;
const RECORD_HEADER = 7;
const BATCH_HEADER = 12;
const PUT = 1;
const DELETE = 0;
/** Milliseconds from 1601-01-01 (Chromium's base::Time) to 1970-01-01. */
const WINDOWS_EPOCH_MS = 11_644_473_600_000;

export const SWEEP_KEY = [0, 0, 0, 0, 5];
export const COMPACTION_KEY = [0, 0, 0, 0, 6];

/** The write batches in a LevelDB log file (fragments joined; a torn last record is dropped). */
export function logRecords(log: Uint8Array): Uint8Array[] {
	const records: Uint8Array[] = [];
	let pending: Uint8Array[] | undefined;
	for (let block = 0; block < log.length; block += BLOCK_BYTES) {
		const end = Math.min(block + BLOCK_BYTES, log.length);
		let at = block;
		while (at + RECORD_HEADER <= end) {
			const length = log[at + 4]! | (log[at + 5]! << 8);
			const type = log[at + 6]!;
			const data = log.subarray(at + RECORD_HEADER, at + RECORD_HEADER + length);
			at += RECORD_HEADER + length;
			if (type === 0 || at > end) {
				break; // the block's zero padding, or a record cut short by a crash
			}
			if (type === 1) {
				records.push(data);
			} else if (type === 2) {
				pending = [data];
			} else if (pending) {
				pending.push(data);
				if (type === 4) {
					records.push(Buffer.concat(pending));
					pending = undefined;
				}
			}
		}
	}
	return records;
}

function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
	let value = 0;
	for (let shift = 0; ; shift += 7) {
		const byte = bytes[at]!;
		at += 1;
		value += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) {
			return [value, at];
		}
	}
}

const sameBytes = (a: Uint8Array, b: readonly number[]) =>
	a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * The last value written to `key` in these logs (oldest file first): undefined when it was never
 * written or was last deleted.
 */
export function lastValue(logs: Uint8Array[], key: readonly number[]): Uint8Array | undefined {
	let value: Uint8Array | undefined;
	for (const batch of logs.flatMap(logRecords)) {
		let at = BATCH_HEADER;
		while (at < batch.length) {
			const tag = batch[at]!;
			let length: number;
			[length, at] = varint(batch, at + 1);
			const found = sameBytes(batch.subarray(at, at + length), key);
			at += length;
			if (tag === PUT) {
				[length, at] = varint(batch, at);
				value = found ? batch.subarray(at, at + length) : value;
				at += length;
			} else if (tag === DELETE) {
				value = found ? undefined : value;
			} else {
				break; // not a batch this reader knows
			}
		}
	}
	return value;
}

/** A time Chromium wrote as a little-endian integer of micro-seconds since 1601, in Unix ms. */
export function chromiumTime(value: Uint8Array): number {
	let micros = 0;
	value.forEach((byte, i) => (micros += byte * 2 ** (8 * i)));
	return Math.floor(micros / 1000) - WINDOWS_EPOCH_MS;
}

/** The bucket's own next sweep and compaction times (Unix ms; undefined: none, so due). */
export interface Upkeep {
	sweepAt?: number;
	compactAt?: number;
}

export function upkeepOf(logs: Uint8Array[]): Upkeep {
	const at = (key: readonly number[]) => {
		const value = lastValue(logs, key);
		return value ? chromiumTime(value) : undefined;
	};
	return { sweepAt: at(SWEEP_KEY), compactAt: at(COMPACTION_KEY) };
}

/** A browser session's global upkeep time comes at most this long after its first open. */
const GLOBAL_DELAY_MAX_MS = 60 * 60_000;
const MARGIN_MS = 5 * 60_000;

export interface UpkeepClock {
	/** The wall clock the browser sees when it opens the database (its session starts). */
	openAt: number;
	/** The wall clock it sees when the database closes: the pre-close tasks start then. */
	closeAt: number;
	/** Which pre-close tasks are due at `closeAt` (the sweeper runs first). */
	runs: 'compaction' | 'sweeper' | 'both';
}

/**
 * The clock for the next close: the compaction alone when there is a time at which it is due and
 * the sweeper is not; else the sweeper alone, when it comes first (it is then put off 1–3 days,
 * maybe past the compaction); else both (a bucket never cleaned: the sweeper first).
 */
export function nextClose({ sweepAt, compactAt }: Upkeep, now: number): UpkeepClock {
	// The session's global time has passed by then, whatever it drew.
	const earliest = now + GLOBAL_DELAY_MAX_MS + MARGIN_MS;
	const clock = (closeAt: number, runs: UpkeepClock['runs']): UpkeepClock => ({
		openAt: closeAt - GLOBAL_DELAY_MAX_MS - MARGIN_MS,
		closeAt,
		runs
	});
	const compactFrom = Math.max(earliest, (compactAt ?? -Infinity) + MARGIN_MS);
	if (sweepAt !== undefined && compactFrom < sweepAt - MARGIN_MS) {
		return clock(compactFrom, 'compaction');
	}
	const sweepFrom = Math.max(earliest, (sweepAt ?? -Infinity) + MARGIN_MS);
	if (compactAt !== undefined && sweepFrom < compactAt - MARGIN_MS) {
		return clock(sweepFrom, 'sweeper');
	}
	return clock(Math.max(compactFrom, sweepFrom), 'both');
}
