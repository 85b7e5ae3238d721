/**
 * Tells this page's live queries (and other tabs) that the whole database may have changed,
 * after a write made elsewhere without Dexie's per-key broadcast (the import worker). Uses the
 * DOM event Dexie itself listens to for cross-context changes.
 */
import { RangeSet } from 'dexie';
import type { EngramDB } from './db';

export function announceAllChanged(db: EngramDB): void {
	const everything: Record<string, RangeSet> = {};
	for (const table of db.tables) {
		const base = `idb://${db.name}/${table.name}/`;
		everything[base] = new RangeSet(-Infinity, [[[]]]);
		everything[`${base}:dels`] = new RangeSet(-Infinity, [[[]]]);
		for (const index of table.schema.indexes) {
			everything[base + index.name] = new RangeSet(-Infinity, [[[]]]);
		}
	}
	dispatchEvent(new CustomEvent('x-storagemutated-1', { detail: everything }));
}
