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

/** The tables a journaled write changes and its rollback puts back. */
const GUARDED = new Set([
	'decks',
	'noteTypes',
	'notes',
	'cards',
	'reviews',
	'media',
	'presets',
	'settings',
	'tombstones',
	'bulkUndo',
	'deckUndo'
]);
const ANY = { type: 3 } as DBCoreKeyRange;

export class JournalBusyError extends Error {
	override name = 'JournalBusyError';
}

/**
 * The guard; `onBusy` hears of each refusal (EngramDB then checks whether the journal's writer is
 * gone, a crash, and if so rolls it back, so writes do not stay refused until the next open).
 */
export const journalGuard = (onBusy: () => void): Middleware<DBCore> => ({
	stack: 'dbcore',
	name: 'JournalGuard',
	create: (down) => {
		/** Per guarded transaction: its one check that no journal is open. */
		const checks = new WeakMap<DBCoreTransaction, Promise<void> | undefined>();
		const journal = down.table('journal');
		const check = (trans: DBCoreTransaction) =>
			journal
				.query({ trans, query: { index: journal.schema.primaryKey, range: ANY }, values: true })
				.then(({ result }) => {
					if (result.some((row: { state: string }) => row.state === 'open')) {
						trans.abort();
						onBusy();
						// errors.ts words it for the UI.
						throw new JournalBusyError('A journaled write is open.');
					}
				});
		return {
			...down,
			transaction: (stores, mode, options) => {
				const guard =
					mode === 'readwrite' &&
					!stores.includes('journalUndo') &&
					stores.some((name) => GUARDED.has(name));
				const scope = guard && !stores.includes('journal') ? [...stores, 'journal'] : stores;
				const trans = down.transaction(scope, mode, options);
				if (guard) {
					checks.set(trans, undefined);
				}
				return trans;
			},
			table: (name) => {
				const table = down.table(name);
				return GUARDED.has(name)
					? {
							...table,
							mutate: (req) => {
								if (!checks.has(req.trans)) {
									return table.mutate(req);
								}
								const checked = checks.get(req.trans) ?? check(req.trans);
								checks.set(req.trans, checked);
								return Promise.all([checked, table.mutate(req)]).then(([, done]) => done);
							}
						}
					: table;
			}
		};
	}
});
