/**
 * Reads a page of cards for a bulk edit (a suspend, a delete's or a reset's snapshot, the reset
 * itself) or its undo. `bulkGet` asks IndexedDB once per key, and at 100,000 cards those requests
 * were a large share of a "select all" suspend; a bulk edit works through its cards in key order
 * (applyBulk sorts them), so a page is usually most of one key range, which one `getAll` over the
 * range returns. The range read is capped at twice the page: a sparse selection (a few cards
 * spread over the whole collection) reads the cards past the cap by key, never the whole range.
 */
import type { CardRecord } from '$lib/domain/model';
import type { EngramDB } from './db';

/** The cards with these ids that exist, in the order of `ids`; any order of ids works. */
export async function readCardPage(db: EngramDB, ids: readonly string[]): Promise<CardRecord[]> {
	if (ids.length === 0) {
		return [];
	}
	let [lower, upper] = [ids[0]!, ids[0]!];
	for (const id of ids) {
		lower = id < lower ? id : lower;
		upper = id > upper ? id : upper;
	}
	const cap = 2 * ids.length;
	const ranged = await db.cards.where(':id').between(lower, upper, true, true).limit(cap).toArray();
	const byId = new Map(ranged.map((card) => [card.id, card]));
	// Cut short by the cap: the cards after the last one read are read by key.
	const lastRead = ranged.length === cap ? ranged.at(-1)!.id : upper;
	const rest = ids.filter((id) => id > lastRead);
	for (const card of rest.length > 0 ? await db.cards.bulkGet(rest) : []) {
		if (card) {
			byId.set(card.id, card);
		}
	}
	return ids.flatMap((id) => byId.get(id) ?? []);
}
