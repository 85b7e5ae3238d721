// Cards carry their index-only fields (`newPosition`, `shuffle`, a non-zero `flag`) exactly when
// an index must find them (domain/card-index-keys.ts), whatever wrote them: answers, card
// actions, bulk edits and their undo, a reset, a backup restored (replace and merge) and both
// deck file imports. So a graduated card is in neither new-card index, and the sparse indexes
// list exactly the new queue's cards.
import { describe, expect, it } from 'vitest';
import { setIndexKeys } from '$lib/domain/card-index-keys';
import type { CardRecord } from '$lib/domain/model';
import { shuffleKey } from '$lib/domain/queue-policy';
import { applyBulk, undoBulk } from '$lib/storage/bulk-edit';
import { createBackup, restoreBackup } from '$lib/storage/backup';
import { flagCards } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import type { EngramDB } from '$lib/storage/db';
import { AFTER, roundTrip, studiedCollection } from './export/export-helpers';
import { makeCard } from './helpers';

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
});
