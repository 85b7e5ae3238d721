/**
 * Large writes (a restore, an import) in many small transactions, with the app's own rollback.
 *
 * One big IndexedDB transaction is all or nothing, but in Chromium one with more than about
 * 1 MiB of writes leaves an undo log whose deletion slows every later open of the database (see
 * README, Performance). So a large write here goes in transactions under `TRANSACTION_BYTES`:
 *
 * 1. A journal row says the write is open.
 * 2. Each transaction writes a slice of records plus, beside them, one undo row: the previous
 *    version of every record it overwrote or deleted, and the keys it added.
 * 3. At the end one small transaction marks the journal done; then the undo rows are deleted.
 *
 * A failure (a full disk, bad data found late, a cancel) rolls back from the undo rows, newest
 * first, one transaction per row, each deleting the row it applied: a rollback cut short is
 * finished by the next one. A journal still open when nobody holds its lock (journal-lock.ts)
 * is a writer that crashed or whose tab closed: `recoverJournals`, at the next open, rolls it
 * back. Only one journaled write runs at a time per database.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import {
	countThatFits,
	estimateBytes,
	RECORD_OVERHEAD_BYTES,
	TRANSACTION_BYTES
} from './byte-budget';
import type { EngramDB } from './db';
import { ifLockFree, withLock } from './journal-lock';

export type JournalKind = 'import' | 'restore';

export interface JournalRecord {
	id: string;
	kind: JournalKind;
	/** `open` until every write landed; `done` means only the undo rows are left to delete. */
	state: 'open' | 'done';
	startedAt: number;
}

/** What undoes one of the journal's transactions: keys it added, records as they were before. */
export interface JournalUndoRecord {
	journalId: string;
	seq: number;
	table: string;
	added: IndexableType[];
	before: object[];
}

/** Records read per transaction, of which those that fit the byte budget are written. */
const READ_AHEAD = 500;

type Row = Record<string, IndexableType>;

/** A record's primary key: one property, or several for a compound key ([table+id]). */
export function primaryKeyOf(table: Table): (record: unknown) => IndexableType {
	const keyPath = table.schema.primKey.keyPath;
	return (record) => {
		const row = record as Row;
		return Array.isArray(keyPath)
			? (keyPath.map((key) => row[key]!) as IndexableType)
			: row[keyPath ?? '']!;
	};
}

const recordBytes = (record: unknown) =>
	record === undefined ? 0 : estimateBytes(record) + RECORD_OVERHEAD_BYTES;

/** The writes of one open journal; each call returns once all its records are committed. */
export class JournaledWrites {
	#seq = 0;

	constructor(
		readonly db: EngramDB,
		readonly journalId: string,
		readonly budget = TRANSACTION_BYTES
	) {}

	/** Adds new records (failing, like bulkAdd, on a key already stored). */
	add(table: string, records: readonly unknown[]): Promise<void> {
		return this.#write(table, records, false);
	}

	/** Adds or replaces records, keeping what they replace. */
	put(table: string, records: readonly unknown[]): Promise<void> {
		return this.#write(table, records, true);
	}

	async delete(name: string, keys: readonly IndexableType[]): Promise<void> {
		const table = this.db.table(name);
		for (let done = 0; done < keys.length;) {
			const slice = keys.slice(done, done + READ_AHEAD);
			done += await this.#step(table, async () => {
				const before = await table.bulkGet(slice as IndexableType[]);
				const count = countThatFits(before.map(recordBytes), this.budget);
				await this.#undo(name, [], before.slice(0, count));
				await table.bulkDelete(slice.slice(0, count) as IndexableType[]);
				return count;
			});
		}
	}

	/** Deletes every record of the table, a budget's worth per transaction. */
	async clear(name: string): Promise<void> {
		const table = this.db.table(name);
		const keyOf = primaryKeyOf(table);
		let deleted: number;
		do {
			deleted = await this.#step(table, async () => {
				const page = await table.limit(READ_AHEAD).toArray();
				const count = page.length && countThatFits(page.map(recordBytes), this.budget);
				const gone = page.slice(0, count);
				await this.#undo(name, [], gone);
				await table.bulkDelete(gone.map(keyOf));
				return count;
			});
		} while (deleted > 0);
	}

	async #write(name: string, records: readonly unknown[], replace: boolean): Promise<void> {
		const table = this.db.table(name);
		const keyOf = primaryKeyOf(table);
		for (let done = 0; done < records.length;) {
			const slice = records.slice(done, done + READ_AHEAD);
			done += await this.#step(table, async () => {
				const before = replace ? await table.bulkGet(slice.map(keyOf)) : [];
				const sizes = slice.map((record, i) => recordBytes(record) + recordBytes(before[i]));
				const count = countThatFits(sizes, this.budget);
				const chunk = slice.slice(0, count);
				await this.#undo(
					name,
					chunk.filter((_, i) => before[i] === undefined).map(keyOf),
					before.slice(0, count)
				);
				await (replace ? table.bulkPut(chunk) : table.bulkAdd(chunk));
				return count;
			});
		}
	}

	/** One transaction over the table and the undo rows. */
	#step(table: Table, run: () => Promise<number>): Promise<number> {
		return this.db.transaction('rw', [table, this.db.journalUndo], run);
	}

	async #undo(table: string, added: IndexableType[], before: unknown[]): Promise<void> {
		const previous = before.filter((record): record is object => record !== undefined);
		if (added.length > 0 || previous.length > 0) {
			const seq = (this.#seq += 1);
			await this.db.journalUndo.add({
				journalId: this.journalId,
				seq,
				table,
				added,
				before: previous
			});
		}
	}
}

const lockName = (db: EngramDB) => `${db.name}-write-journal`;
const undoRows = (db: EngramDB, journalId: string) =>
	db.journalUndo
		.where('[journalId+seq]')
		.between([journalId, Dexie.minKey], [journalId, Dexie.maxKey]);

/**
 * Runs `write` as one journaled write: if it throws, everything it wrote is rolled back before
 * the error goes on, so the collection is exactly as it was.
 */
export function journaled<T>(
	db: EngramDB,
	kind: JournalKind,
	now: Date,
	write: (writes: JournaledWrites) => Promise<T>
): Promise<T> {
	return withLock(lockName(db), async () => {
		await settleJournals(db);
		const journal: JournalRecord = {
			id: `${kind}-${now.getTime()}-${crypto.randomUUID()}`,
			kind,
			state: 'open',
			startedAt: now.getTime()
		};
		await db.journal.add(journal);
		let result: T;
		try {
			result = await write(new JournaledWrites(db, journal.id));
		} catch (error) {
			// If the rollback fails too, the journal stays open and the next open finishes it.
			await rollBack(db, journal.id).catch((rollbackError: unknown) =>
				console.error(rollbackError)
			);
			throw error;
		}
		await db.journal.update(journal.id, { state: 'done' });
		// Done: the write stands. Undo rows left by a failure here are deleted at the next open.
		await forget(db, journal.id).catch((error: unknown) => console.error(error));
		return result;
	});
}

/** Puts back what the journal's writes changed, newest first, then drops the journal. */
async function rollBack(db: EngramDB, journalId: string): Promise<void> {
	for (;;) {
		const last = await undoRows(db, journalId).last();
		if (!last) {
			break;
		}
		const table = db.table(last.table);
		await db.transaction('rw', [table, db.journalUndo], async () => {
			const row = await db.journalUndo.get([journalId, last.seq]);
			if (row) {
				await table.bulkDelete(row.added);
				await table.bulkPut(row.before);
				await db.journalUndo.delete([journalId, last.seq]);
			}
		});
	}
	await db.journal.delete(journalId);
}

/** A finished journal's undo rows deleted a budget's worth at a time, then the journal. */
async function forget(db: EngramDB, journalId: string): Promise<void> {
	let deleted: number;
	do {
		deleted = await db.transaction('rw', db.journalUndo, async () => {
			const rows = await undoRows(db, journalId).limit(READ_AHEAD).toArray();
			const count = rows.length && countThatFits(rows.map(recordBytes), TRANSACTION_BYTES);
			await db.journalUndo.bulkDelete(
				rows.slice(0, count).map((row): [string, number] => [row.journalId, row.seq])
			);
			return count;
		});
	} while (deleted > 0);
	await db.journal.delete(journalId);
}

/** Rolls back journals left open and finishes done ones; call holding the lock. */
async function settleJournals(db: EngramDB): Promise<JournalRecord[]> {
	const journals = await db.journal.toArray();
	for (const journal of journals) {
		await (journal.state === 'open' ? rollBack(db, journal.id) : forget(db, journal.id));
	}
	return journals;
}

/**
 * Runs `read` when no journaled write is under way and none is left half done (a backup must
 * not copy half a restore or import).
 */
export function withoutOpenJournal<T>(db: EngramDB, read: () => Promise<T>): Promise<T> {
	return withLock(lockName(db), async () => {
		await settleJournals(db);
		return read();
	});
}

/**
 * At the app's open: rolls back a journaled write that never finished, unless its writer is
 * still at work in another tab or worker. `wait` (after this page stopped the writer, e.g. by
 * terminating its worker) waits for the lock instead. Returns whether anything was settled.
 */
export async function recoverJournals(
	db: EngramDB,
	{ wait = false }: { wait?: boolean } = {}
): Promise<boolean> {
	if ((await db.journal.count()) === 0) {
		return false;
	}
	let settled = false;
	const settle = async () => {
		settled = (await settleJournals(db)).length > 0;
	};
	await (wait ? withLock(lockName(db), settle) : ifLockFree(lockName(db), settle));
	return settled;
}
