// Shared by the import/export tests: the real fixture decks (read from ../shared, never copied
// into the repo), sql.js loaded once for Node, and a snapshot of a whole collection.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { ImportBundle } from '$lib/domain/import/bundle';
import { parseImport, type ImportOptions } from '$lib/domain/import/parse-import';
import type { EngramDB } from '$lib/storage/db';
import { NOW } from '../helpers';

export const FIXTURES = fileURLToPath(
	new URL('../../../../shared/fixtures/decks/', import.meta.url)
);

export function fixture(name: string): Uint8Array {
	return new Uint8Array(readFileSync(FIXTURES + name));
}

let sql: Promise<SqlJsStatic> | undefined;
export const loadSql = () => (sql ??= initSqlJs());

export function parse(
	name: string,
	bytes: Uint8Array,
	options: Partial<ImportOptions> = {}
): Promise<ImportBundle> {
	return parseImport(name, bytes, { now: NOW, loadSql, ...options });
}

/** Every record in every table, for "nothing changed" and round-trip comparisons. */
export async function snapshot(db: EngramDB): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const table of db.tables) {
		out[table.name] = await table.toArray();
	}
	return out;
}
