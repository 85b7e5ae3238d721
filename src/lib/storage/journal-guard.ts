/**
 * While a restore or an import is written (an open write journal, write-journal.ts), writes to
 * the collection from anywhere else are refused. A rollback puts the collection back as it was
 * before the journal began (for a replacing restore, from a copy taken at its start), so a write
 * landing meanwhile would be undone or lost without a word; refused, it fails like any failed
 * write ("not saved, try again") and nothing is lost silently.
 *
 * How: every readwrite transaction over collection tables also takes the `journal` table and
 * reads it once, beside its first write, and aborts itself if a journal is open. IndexedDB runs
 * overlapping transactions in order, so a write either commits before a journal row is written
 * (and is in the restore's copy) or sees it. The journal's own transactions take `journalUndo`
 * and are let through.
 */
import type { DBCore, DBCoreKeyRange, DBCoreTransaction, Middleware } from 'dexie';

/** Every table but the journal's own: a journaled write may change any of them. */
const guarded = (table: string) => !table.startsWith('journal');
const ANY = { type: 3 } as DBCoreKeyRange;

/**
 * The guard; `onBusy` hears of each refusal (EngramDB then checks whether the journal's writer is
 * gone, a crash, and if so rolls it back, so writes do not stay refused until the next open).
 */
export const journalGuard = (onBusy: () => void): Middleware<DBCore> => ({
	stack: 'dbcore',
	name: 'JournalGuard',
	create: (down) => {
		/** Per guarded transaction: its one check that no journal is open (once started). */
		// A database being upgraded from before schema 9 has no journal: nothing to guard yet.
		if (!down.schema.tables.some((table) => table.name === 'journal')) {
			return down;
		}
		const checks = new WeakMap<DBCoreTransaction, Promise<unknown> | 0>();
		const journal = down.table('journal');
		const check = (trans: DBCoreTransaction) =>
			journal
				.query({ trans, query: { index: journal.schema.primaryKey, range: ANY }, values: true })
				.then(({ result }) => {
					if (result.some((row: { state: string }) => row.state === 'open')) {
						trans.abort();
						onBusy();
						// errors.ts words it for the UI.
						throw Object.assign(new Error('A journaled write is open.'), {
							name: 'JournalBusyError'
						});
					}
				});
		return {
			...down,
			transaction: (stores, mode, options) => {
				// The journal's own transactions take journalUndo: they are let through.
				const guard =
					mode === 'readwrite' && !stores.includes('journalUndo') && stores.some(guarded);
				const trans = down.transaction(guard ? [...stores, 'journal'] : stores, mode, options);
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
						const once = checked || check(req.trans);
						checks.set(req.trans, once);
						return Promise.all([once, table.mutate(req)]).then(([, done]) => done);
					}
				};
			}
		};
	}
});
