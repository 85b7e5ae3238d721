// Cards carry their index-only fields (`newPosition`, `shuffle`, a non-zero `flag`) exactly when
// an index must find them (domain/card-index-keys.ts), whatever wrote them: answers, card
// actions, bulk edits and their undo, a reset, a backup restored (replace and merge) and both
// deck file imports. So a graduated card is in neither new-card index, and the sparse indexes
// list exactly the new queue's cards, also after a backup made before schema 12 is restored.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseJsonLines, toJsonLines } from '$lib/domain/backup/canonical';
import { combinedChecksum } from '$lib/domain/backup/pack';
import { Sha256 } from '$lib/domain/sha256-stream';
import { setIndexKeys } from '$lib/domain/card-index-keys';
import type { CardRecord } from '$lib/domain/model';
import { shuffleKey } from '$lib/domain/queue-policy';
import { applyBulk, undoBulk } from '$lib/storage/bulk-edit';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { flagCards } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import type { EngramDB } from '$lib/storage/db';
import { newCards } from '$lib/storage/queue-counts';
import { AFTER, roundTrip, studiedCollection } from './export/export-helpers';
import { freshDb, makeCard } from './helpers';

/** Every stored card follows the rule, and the new-card indexes hold the new queue's cards. */
async function expectIndexKeysFollowTheRule(db: EngramDB) {
	const cards = await db.cards.toArray();
	for (const card of cards) {
		const isNew = card.queue === 'new';
		expect(card.newPosition, card.id).toBe(isNew ? card.position : undefined);
		expect(card.shuffle, card.id).toBe(isNew ? shuffleKey(card.id) : undefined);
		expect(card.flag, card.id).not.toBe(0);
	}
	const fresh = cards.filter((card) => card.queue === 'new').map((card) => card.id);
	expect((await db.cards.orderBy('[deckId+queue+newPosition]').primaryKeys()).sort()).toEqual(
		fresh.sort()
	);
	expect(await db.cards.where('flag').equals(0).count()).toBe(0);
	return cards;
}

/**
 * The backup with its cards as schema 11 stored them: every card with `shuffle`, none with
 * `newPosition`, a cleared flag kept as 0; its checksums and schema version to match.
 */
function asVersion11(bytes: Uint8Array): Uint8Array {
	const entries = unzipSync(bytes);
	const cards = parseJsonLines(new TextDecoder().decode(entries['tables/cards.jsonl'])).map(
		(record) => {
			const { newPosition: _, ...card } = record as CardRecord;
			return { ...card, shuffle: shuffleKey(card.id), flag: card.flag ?? 0 };
		}
	);
	const text = strToU8(toJsonLines(cards));
	const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as {
		tableChecksums: Record<string, string>;
		checksum: string;
		dbSchemaVersion: number;
	};
	manifest.tableChecksums.cards = new Sha256().update(text).hex();
	manifest.checksum = combinedChecksum(manifest.tableChecksums);
	manifest.dbSchemaVersion = 11;
	entries['tables/cards.jsonl'] = text;
	entries['manifest.json'] = strToU8(JSON.stringify(manifest));
	return zipSync(entries);
}

/** Each deck's new cards, in the order the deck's new-card index gives them. */
async function newOrder(db: EngramDB): Promise<string[][]> {
	const decks = (await db.decks.toArray()).map((deck) => deck.id).sort();
	return Promise.all(decks.map((deckId) => newCards(db, deckId).primaryKeys()));
}

describe('the index-only fields of a card', () => {
	it('are set on a new card and cleared on any other, a zero flag dropped', () => {
		const card = makeCard('d', 7, { flag: 0 });
		setIndexKeys(card);
		expect(card).toMatchObject({ newPosition: 7, shuffle: shuffleKey(card.id) });
		expect(card).not.toHaveProperty('flag');
		const graduated: CardRecord = { ...card, queue: 'review', flag: 2 };
		setIndexKeys(graduated);
		expect(graduated).not.toHaveProperty('newPosition');
		expect(graduated).not.toHaveProperty('shuffle');
		expect(graduated.flag).toBe(2);
	});

	it('follow every card write: answers, actions, bulk edits and undo, reset, restores, imports', async () => {
		const { db, deckId } = await studiedCollection();
		const studied = await expectIndexKeysFollowTheRule(db);
		expect(studied.some((card) => card.queue !== 'new')).toBe(true);
		const ids = studied.map((card) => card.id);
		await flagCards(db, ids.slice(0, 4), 0, AFTER);
		const change = await applyBulk(db, ids, 'suspend', '', AFTER, { pageSize: 5 });
		await expectIndexKeysFollowTheRule(db);
		await undoBulk(db, change.changeId, AFTER);
		await expectIndexKeysFollowTheRule(db);
		await resetCards(db, ids.slice(0, 3), AFTER, { restorePosition: false });
		await expectIndexKeysFollowTheRule(db);
		const backup = await createBackup(db, AFTER);
		await restoreBackup(db, backup, 'merge', { now: AFTER });
		await expectIndexKeysFollowTheRule(db);
		await restoreBackup(db, backup, 'replace', { now: AFTER });
		await expectIndexKeysFollowTheRule(db);
		for (const format of ['apkg', 'json'] as const) {
			const { target } = await roundTrip(db, deckId, format);
			expect(await target.cards.count()).toBeGreaterThan(0);
			await expectIndexKeysFollowTheRule(target);
		}
	}, 60_000);

	it('follow a backup made before schema 12, replaced or merged: same cards, same new order', async () => {
		const { db } = await studiedCollection();
		const old = asVersion11(await createBackup(db, AFTER));
		const stored = await db.cards.toArray();
		const order = await newOrder(db);
		expect(order.flat().length).toBeGreaterThan(0);

		const replaced = freshDb();
		await restoreBackup(replaced, old, 'replace', { now: AFTER });
		expect(await expectIndexKeysFollowTheRule(replaced)).toEqual(stored);
		expect(await newOrder(replaced)).toEqual(order);

		const merged = freshDb();
		const added = await restoreBackup(merged, old, 'merge', { now: AFTER });
		expect(added.added.cards).toBe(stored.length);
		expect(await expectIndexKeysFollowTheRule(merged)).toEqual(stored);
		expect(await newOrder(merged)).toEqual(order);
		// Into the collection it came from: the same cards, none counted as changed.
		const again = await restoreBackup(db, old, 'merge', { now: AFTER });
		expect(again.updated.cards).toBe(0);
		expect(await db.cards.toArray()).toEqual(stored);
	}, 60_000);
});
