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
 *
 * A replacing restore keeps no undo rows for the tables it replaces: it copies the collection to
 * a restore point first and a rollback puts that back (replace-restore.ts). While a journal is
 * open, writes from anywhere else are refused (journal-guard.ts), so a rollback never undoes or
 * loses them.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import {
	countThatFits,
	estimateBytes,
	RECORD_OVERHEAD_BYTES,
	TRANSACTION_BYTES
} from './byte-budget';
import type { EngramDB } from './db';
import { OPEN_KEY } from './journal-guard';
import { ifLockFree, withLock } from './journal-lock';
import { announceJournal } from './journal-notice';

export type JournalKind = 'import' | 'restore';

export interface JournalRecord {
	id: string;
	kind: JournalKind;
	/** `open` until every write landed; `done` means only the undo rows are left to delete. */
	state: 'open' | 'done';
	startedAt: number;
	/**
	 * A restore point that holds these tables as they were before the write (a replacing
	 * restore): their old records have no undo rows, a rollback puts the point back instead.
	 */
	point?: { id: string; tables: string[] };
}

/** What undoes one of the journal's transactions: keys it added, records as they were before. */
export interface JournalUndoRecord {
	journalId: string;
	seq: number;
	table: string;
	added: IndexableType[];
	before: object[];
}

/**
 * Records read ahead, at first, for a delete or a clear (whose sizes are known only once read);
 * later reads follow the sizes seen, so the byte budget alone decides what goes in a transaction.
 */
const FIRST_READ_AHEAD = 500;

/** Undo rows deleted per transaction once a journal is done: by key, their values never read. */
const FORGET_ROWS = 16;

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

/** The most records a transaction could hold: each costs at least its overhead. */
const mostRecords = (budget: number) => Math.ceil(budget / RECORD_OVERHEAD_BYTES);

/**
 * How many records to read for the next transaction of a delete or a clear: what fitted last
 * time and a little more, or twice as many when all fitted, never more than could fit.
 */
class ReadAhead {
	count = FIRST_READ_AHEAD;

	constructor(private readonly budget: number) {}

	/** After a transaction that read `read` records and wrote the first `fitted`. */
	saw(read: number, fitted: number): void {
		if (fitted < read) {
			this.count = Math.max(1, Math.ceil(fitted * 1.1));
		} else if (read === this.count) {
			this.count = Math.min(mostRecords(this.budget), read * 2);
		}
	}
}

/** The writes of one open journal; each call returns once all its records are committed. */
export class JournaledWrites {
	#seq = 0;
	/** Tables whose old records a restore point holds: written without undo rows. */
	#covered: ReadonlySet<string>;

	constructor(
		readonly db: EngramDB,
		readonly journalId: string,
		{ budget = TRANSACTION_BYTES, covered = [] }: { budget?: number; covered?: string[] } = {}
	) {
		this.budget = budget;
		this.#covered = new Set(covered);
	}

	readonly budget: number;

	/**
	 * From now on `tables` are written without undo rows: restore point `pointId` holds them as
	 * they were, and a rollback puts it back. Call before the first write to any of them, with
	 * the point complete and on disk.
	 */
	async coverWith(pointId: string, tables: readonly string[]): Promise<void> {
		await this.db.journal.update(this.journalId, { point: { id: pointId, tables: [...tables] } });
		this.#covered = new Set([...this.#covered, ...tables]);
	}

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
		const ahead = new ReadAhead(this.budget);
		for (let done = 0; done < keys.length;) {
			const slice = keys.slice(done, done + ahead.count) as IndexableType[];
			done += await this.#step(table, async () => {
				const before = await table.bulkGet(slice);
				const count = countThatFits(before.map(recordBytes), this.budget);
				ahead.saw(slice.length, count);
				await this.#undo(name, [], before.slice(0, count));
				await table.bulkDelete(slice.slice(0, count));
				return count;
			});
		}
	}

	/** Deletes every record of the table, a budget's worth per transaction. */
	async clear(name: string): Promise<void> {
		const table = this.db.table(name);
		const keyOf = primaryKeyOf(table);
		const ahead = new ReadAhead(this.budget);
		let deleted: number;
		do {
			deleted = await this.#step(table, async () => {
				const page = await table.limit(ahead.count).toArray();
				const count = page.length && countThatFits(page.map(recordBytes), this.budget);
				ahead.saw(page.length, count);
				const gone = page.slice(0, count);
				await this.#undo(name, [], gone);
				await table.bulkDelete(gone.map(keyOf));
				return count;
			});
		} while (deleted > 0);
	}

	/**
	 * Writes `records` a budget's worth per transaction: the new records' sizes choose a slice,
	 * and when they replace stored ones (read inside the transaction, for the undo row) those
	 * count too and may cut it shorter.
	 */
	async #write(name: string, records: readonly unknown[], replace: boolean): Promise<void> {
		const table = this.db.table(name);
		const keyOf = primaryKeyOf(table);
		const sizes = records.map(recordBytes);
		const most = mostRecords(this.budget);
		for (let done = 0; done < records.length;) {
			const from = done;
			const fits = countThatFits(sizes.slice(from, from + most), this.budget);
			const slice = records.slice(from, from + fits);
			done += await this.#step(table, async () => {
				const before = replace ? await table.bulkGet(slice.map(keyOf)) : [];
				const count = replace
					? countThatFits(
							slice.map((_, i) => sizes[from + i]! + recordBytes(before[i])),
							this.budget
						)
					: slice.length;
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
		if (this.#covered.has(table)) {
			return;
		}
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
		// With its row in journalOpen, which refuses every other write while it is open.
		await db.transaction('rw', db.journal, db.journalOpen, () =>
			Promise.all([db.journal.add(journal), db.journalOpen.put({ id: OPEN_KEY })])
		);
		// The other tabs stop and wait (journal-notice.ts): their writes would be refused.
		announceJournal(db, kind);
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
		await db.transaction('rw', db.journal, db.journalOpen, () =>
			Promise.all([
				db.journal.update(journal.id, { state: 'done' }),
				db.journalOpen.delete(OPEN_KEY)
			])
		);
		// Done: the write stands. Undo rows left by a failure here are deleted at the next open.
		await forget(db, journal.id).catch((error: unknown) => console.error(error));
		return result;
	});
}

/**
 * Puts back what the journal's writes changed: the undo rows newest first, then the tables a
 * restore point holds; then drops the journal. Cut short, it is finished by the next one: each
 * applied undo row is deleted with its writes, and putting a point back can start over.
 */
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
	const point = (await db.journal.get(journalId))?.point;
	if (point) {
		const { putBackPoint } = await import('./replace-restore');
		await putBackPoint(new JournaledWrites(db, journalId, { covered: point.tables }), point.id);
	}
	await dropJournal(db, journalId, point);
}

/**
 * A finished journal's undo rows deleted a few at a time, by key (their values, up to a budget
 * each, are never read), then the journal.
 */
async function forget(db: EngramDB, journalId: string): Promise<void> {
	let deleted: number;
	do {
		deleted = await db.transaction('rw', db.journalUndo, async () => {
			const keys = await undoRows(db, journalId).limit(FORGET_ROWS).primaryKeys();
			await db.journalUndo.bulkDelete(keys);
			return keys.length;
		});
	} while (deleted > 0);
	await dropJournal(db, journalId, (await db.journal.get(journalId))?.point);
}

/**
 * The journal deleted with its open row (writes are let through again), then its restore point unpinned (in that order: an open journal's point
 * is never unpinned; a pin left by a crash in between is lifted by the next replacing restore).
 */
async function dropJournal(
	db: EngramDB,
	journalId: string,
	point: JournalRecord['point']
): Promise<void> {
	await db.transaction('rw', db.journal, db.journalOpen, () =>
		Promise.all([db.journal.delete(journalId), db.journalOpen.delete(OPEN_KEY)])
	);
	if (point) {
		const { unpinRestorePoints } = await import('./restore-points');
		await unpinRestorePoints(db.name);
	}
}

/**
 * Rolls back journals left open and finishes done ones; call holding the lock. An open row with
 * no journal (none is written without one) would refuse every write: it is deleted too.
 */
async function settleJournals(db: EngramDB): Promise<JournalRecord[]> {
	const journals = await db.journal.toArray();
	for (const journal of journals) {
		await (journal.state === 'open' ? rollBack(db, journal.id) : forget(db, journal.id));
	}
	if (journals.length === 0) {
		await db.journalOpen.delete(OPEN_KEY);
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
 * terminating its worker, or while another tab writes) waits for the lock instead, calling
 * `onWait` first if the lock is held. Returns whether anything was settled.
 */
export async function recoverJournals(
	db: EngramDB,
	{ wait = false, onWait }: { wait?: boolean; onWait?: () => void } = {}
): Promise<boolean> {
	if ((await db.journal.count()) + (await db.journalOpen.count()) === 0) {
		return false;
	}
	let settled = false;
	const settle = async () => {
		settled = (await settleJournals(db)).length > 0;
	};
	if (!(await ifLockFree(lockName(db), settle)) && wait) {
		onWait?.();
		await withLock(lockName(db), settle);
	}
	return settled;
}
