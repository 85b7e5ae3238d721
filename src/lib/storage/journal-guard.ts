/**
 * While a restore or an import is written (an open write journal, write-journal.ts), writes to
 * the collection from anywhere else are refused. A rollback puts the collection back as it was
 * before the journal began (for a replacing restore, from a copy taken at its start), so a write
 * landing meanwhile would be undone or lost without a word; refused, it fails like any failed
 * write ("not saved, try again") and nothing is lost silently.
 *
 * How: while a journal is open, one row sits at a fixed key in `journalOpen` (written and deleted
 * with the journal's open state). Every readwrite transaction over collection tables also takes
 * `journalOpen` and, beside its first write, adds that row and deletes it again. With a journal
 * open the add fails, and a failed request aborts its transaction, even one whose commit was
 * already asked for (an answer asks at once, answers.ts; abort() would throw by then and the
 * writes would commit). The add and delete go out with the write: no round trip is waited for.
 * IndexedDB runs overlapping transactions in order, so a write either commits before the journal
 * opens (and is in the restore's copy) or meets the row. The journal's own transactions take
 * `journalUndo` and are let through.
 */
import type { DBCore, DBCoreTransaction, Middleware } from 'dexie';

/** The table, and the key in it, of the row that says a journal is open. */
export const OPEN_TABLE = 'journalOpen';
export const OPEN_KEY = 'open';

/** Every table but the journal's own: a journaled write may change any of them. */
const guarded = (table: string) => !table.startsWith('journal');

/**
 * The guard; `onBusy` hears of each refusal (EngramDB then checks whether the journal's writer is
 * gone, a crash, and if so rolls it back, so writes do not stay refused until the next open).
 */
export const journalGuard = (onBusy: () => void): Middleware<DBCore> => ({
	stack: 'dbcore',
	name: 'JournalGuard',
	create: (down) => {
		// A database being upgraded from before schema 11 has no row to meet: nothing to guard yet.
		if (!down.schema.tables.some((table) => table.name === OPEN_TABLE)) {
			return down;
		}
		/** Per guarded transaction: its one check that no journal is open (0 until its first write). */
		const checks = new WeakMap<DBCoreTransaction, Promise<void> | 0>();
		return {
			...down,
			transaction: (stores, mode, options) => {
				// The journal's own transactions take journalUndo: they are let through.
				const guard =
					mode === 'readwrite' && !stores.includes('journalUndo') && stores.some(guarded);
				const trans = down.transaction(guard ? [...stores, OPEN_TABLE] : stores, mode, options);
				if (guard) {
					checks.set(trans, 0);
				}
				return trans;
			},
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					mutate: (req) => {
						const checked = checks.get(req.trans);
						if (checked === undefined || !guarded(name)) {
							return table.mutate(req);
						}
						const once = checked || refuseIfOpen(req.trans, onBusy);
						checks.set(req.trans, once);
						return Promise.all([once, table.mutate(req)]).then(([, done]) => done);
					}
				};
			}
		};
	}
});

/**
 * Adds and deletes the open row in `trans`, before its writes (requests run in order). Raw
 * IndexedDB, not Dexie's: Dexie cancels a failed request's error event, and a cancelled failure
 * does not abort. Stopped at the request, the event is not cancelled, so the add's failure
 * aborts the transaction; the returned promise rejects first, with what errors.ts words for the UI.
 */
function refuseIfOpen(trans: DBCoreTransaction, onBusy: () => void): Promise<void> {
	const store = (trans as unknown as IDBTransaction).objectStore(OPEN_TABLE);
	const added = store.add({ id: OPEN_KEY });
	store.delete(OPEN_KEY);
	return new Promise((resolve, reject) => {
		added.onsuccess = () => resolve();
		added.onerror = (event) => {
			event.stopPropagation();
			if (added.error?.name !== 'ConstraintError') {
				reject(added.error ?? new Error('The write was not saved.'));
				return;
			}
			onBusy();
			reject(Object.assign(new Error('A journaled write is open.'), { name: 'JournalBusyError' }));
		};
	});
}
