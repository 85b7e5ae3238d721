/**
 * Rough sizes of records as IndexedDB stores them, so a large write can be cut into
 * transactions that each stay under Chromium's undo-log threshold (see write-journal.ts).
 */

/**
 * Estimated bytes one transaction may write. Chromium (LevelDBScopes) keeps an undo log for a
 * transaction once its pending writes pass about 1 MiB, and the log's deletion markers then slow
 * every later open of the database until LevelDB compacts them. Half of that leaves room for
 * what the estimate misses (V8's value encoding, index rows' own keys).
 */
export const TRANSACTION_BYTES = 512 * 1024;

/** What each record adds besides its value: its key and its index rows, roughly. */
export const RECORD_OVERHEAD_BYTES = 160;

/** About how many bytes `value` takes once serialised (strings at one byte a character). */
export function estimateBytes(value: unknown): number {
	switch (typeof value) {
		case 'string':
			return value.length + 2;
		case 'number':
		case 'bigint':
			return 9;
		case 'object':
			return value === null ? 1 : objectBytes(value);
		default:
			return 1;
	}
}

function objectBytes(value: object): number {
	if (value instanceof Date) {
		return 9;
	}
	if (value instanceof Blob) {
		return value.size;
	}
	if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
		return value.byteLength;
	}
	let sum = 2;
	if (Array.isArray(value)) {
		for (const item of value) {
			sum += estimateBytes(item);
		}
		return sum;
	}
	for (const [key, item] of Object.entries(value)) {
		sum += key.length + 2 + estimateBytes(item);
	}
	return sum;
}

/**
 * How many of `sizes`, from the first, fit in `budget` together: at least one, so a record
 * larger than the budget is written alone rather than never.
 */
export function countThatFits(sizes: readonly number[], budget: number): number {
	let total = 0;
	for (const [i, size] of sizes.entries()) {
		total += size;
		if (total > budget) {
			return Math.max(1, i);
		}
	}
	return sizes.length;
}
