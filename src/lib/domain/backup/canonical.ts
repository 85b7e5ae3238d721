/**
 * Canonical JSON for backup records: object keys sorted, undefined left out, Dates and
 * non-finite numbers tagged so they come back as they were. Equal records always give equal
 * text, which is what makes the backup checksum depend on the content alone.
 */

/** One record as one line of canonical JSON (JSON escapes newlines inside strings). */
export function canonicalJson(value: unknown): string {
	if (value === null || value === undefined) {
		return 'null';
	}
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? String(value) : `{"$number":"${String(value)}"}`;
		case 'boolean':
			return value ? 'true' : 'false';
		case 'object':
			return canonicalObject(value);
		default:
			throw new TypeError(`A backup cannot hold a ${typeof value}.`);
	}
}

function canonicalObject(value: object): string {
	if (value instanceof Date) {
		const time = value.getTime();
		return `{"$date":${Number.isNaN(time) ? 'null' : String(time)}}`;
	}
	if (Array.isArray(value)) {
		return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
	}
	if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Map) {
		throw new TypeError('A backup record cannot hold binary data or maps.');
	}
	const record = value as Record<string, unknown>;
	const parts: string[] = [];
	for (const key of Object.keys(record).sort()) {
		const item = record[key];
		if (item !== undefined && typeof item !== 'function') {
			parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
		}
	}
	return `{${parts.join(',')}}`;
}

/** A tag canonicalJson wrote for a Date or a non-finite number, as the value it stands for. */
function untag(value: object): unknown {
	let keys = 0;
	for (const key in value) {
		if (Object.hasOwn(value, key)) {
			keys += 1;
		}
	}
	// Only a one-key object is a tag: a note field that happens to be called `$date` is not.
	if (keys === 1 && '$date' in value) {
		return new Date((value as { $date: number | null }).$date ?? Number.NaN);
	}
	if (keys === 1 && '$number' in value) {
		return Number((value as { $number: string }).$number);
	}
	return value;
}

/** Undoes the tags in place. A walk after a plain JSON.parse: much faster than a reviver. */
function revive(value: unknown): unknown {
	if (typeof value !== 'object' || value === null) {
		return value;
	}
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i += 1) {
			value[i] = revive(value[i]);
		}
		return value;
	}
	const tagged = untag(value);
	if (tagged !== value) {
		return tagged;
	}
	const record = value as Record<string, unknown>;
	for (const key in record) {
		const item = record[key];
		if (typeof item === 'object' && item !== null) {
			record[key] = revive(item);
		}
	}
	return record;
}

/** Parses JSON lines written by canonicalJson; throws SyntaxError on a bad line. */
export function parseJsonLines(text: string): unknown[] {
	if (text.length === 0) {
		return [];
	}
	return revive(JSON.parse(`[${text.split('\n').join(',')}]`)) as unknown[];
}

/** A table's records as JSON lines. */
export function toJsonLines(records: readonly unknown[]): string {
	return records.map((record) => canonicalJson(record)).join('\n');
}
