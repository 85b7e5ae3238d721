/**
 * SQLite through sql.js (WASM). The loader is injected so the same importer runs in Node (the
 * CLI and tests) and in the import Web Worker (which passes the precached wasm URL).
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { ImportError, MESSAGES } from './errors';

export type SqlLoader = () => Promise<SqlJsStatic>;
export type Row = Record<string, SqlValue>;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export function openDatabase(sql: SqlJsStatic, bytes: Uint8Array): Database {
	const magic = new TextDecoder().decode(bytes.subarray(0, 16));
	if (magic !== SQLITE_MAGIC) {
		throw new ImportError(MESSAGES.badSqlite);
	}
	try {
		const db = new sql.Database(bytes);
		// Touch the schema now so a damaged header fails here, not halfway through reading.
		// (No integrity_check: Anki's `COLLATE unicase` indexes would fail it in sql.js.)
		db.exec('SELECT count(*) FROM sqlite_master');
		forgetUnicase(db);
		return db;
	} catch {
		throw new ImportError(MESSAGES.badSqlite);
	}
}

/** All rows of one statement as objects; a SQLite error means a damaged collection. */
export function selectRows(db: Database, query: string): Row[] {
	let statement;
	try {
		statement = db.prepare(query);
	} catch {
		throw new ImportError(MESSAGES.badSqlite);
	}
	try {
		const rows: Row[] = [];
		while (statement.step()) {
			rows.push(statement.getAsObject());
		}
		return rows;
	} catch {
		throw new ImportError(MESSAGES.badSqlite);
	} finally {
		statement.free();
	}
}

export function tableNames(db: Database): Set<string> {
	return new Set(
		selectRows(db, "SELECT name FROM sqlite_master WHERE type = 'table'").map((r) => String(r.name))
	);
}

/**
 * Anki's schema-18 name columns use `COLLATE unicase`, which sql.js cannot register, and SQLite
 * refuses to read those tables without it. This in-memory copy is only read, so the collation is
 * removed from the schema text (rows are then sorted and filtered in TypeScript).
 */
function forgetUnicase(db: Database): void {
	const uses = db.exec("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%unicase%'");
	if (Number(uses[0]?.values[0]?.[0] ?? 0) === 0) {
		return;
	}
	db.exec(`PRAGMA writable_schema = ON;
		UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%unicase%';
		DELETE FROM sqlite_master WHERE type = 'index' AND sql LIKE '%name%' AND tbl_name IN ('fields', 'templates', 'notetypes', 'decks', 'tags', 'deck_config');
		PRAGMA writable_schema = RESET;
		PRAGMA writable_schema = OFF;`);
}
