// "Reset" and "set due date" are Manual review rows in Engram. The .apkg export writes them as
// Anki's manual revlog entries (ease 0, kind 4; factor 0 marks a reset, rslib revlog/mod.rs), the
// Engram JSON export as `change` entries in the card's history, and our importer turns both back
// into Manual rows that shape the card: a reset card is new again, a card set due is due that
// day. Re-importing into the same collection adds nothing.
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { Rating, State } from 'ts-fsrs';
import { setDueDate } from '$lib/storage/card-actions';
import { resetCards } from '$lib/storage/card-reset';
import { commitImport } from '$lib/storage/import-commit';
import { exportDeck } from '$lib/storage/export';
import { freshDb } from '../helpers';
import { cardId } from '$lib/domain/deck-records';
import type { DeckFile } from '$lib/domain/deck-file';
import type { CardRecord } from '$lib/domain/model';
import { loadSql, parse } from '../import/import-helpers';
import { AFTER, studiedCollection } from './export-helpers';

const DAY = 86_400_000;

async function collectionWithManualChanges() {
	const { db, deckId } = await studiedCollection();
	const studied = (await db.cards.toArray()).filter((c) => c.reps > 0);
	const [resetCard, dueCard] = studied;
	const changedAt = new Date(AFTER.getTime() - DAY);
	await resetCards(db, [resetCard!.id], changedAt);
	await setDueDate(db, [dueCard!.id], 12, changedAt);
	return { db, deckId, resetId: resetCard!.id, dueId: dueCard!.id };
}

describe('manual reschedules in .apkg and Engram JSON', () => {
	it('are written as manual revlog entries: a reset with factor 0, a set due with its interval', async () => {
		const { db, deckId, resetId, dueId } = await collectionWithManualChanges();
		const file = await exportDeck(db, deckId, 'apkg', AFTER, loadSql);
		const sql = await loadSql();
		const anki = new sql.Database(unzipSync(file.bytes)['collection.anki2']);
		const rows = anki.exec('SELECT ease, ivl, factor, time, type FROM revlog WHERE ease = 0');
		anki.close();
		expect(rows[0]!.values).toEqual([
			[0, 0, 0, 0, 4],
			[0, 12, 2500, 0, 4]
		]);
		const manual = (await db.reviews.toArray()).filter((r) => r.rating === Rating.Manual).length;
		expect(manual).toBe(2);
		expect(resetId).not.toBe(dueId);
	}, 30_000);

	it('are written to Engram JSON as changes in the card history, in order with the answers', async () => {
		const { db, deckId, resetId, dueId } = await collectionWithManualChanges();
		const file = await exportDeck(db, deckId, 'json', AFTER, loadSql);
		const deck = JSON.parse(new TextDecoder().decode(file.bytes)) as DeckFile;
		const cards = deck.notes.flatMap((note) =>
			(note.cards ?? []).map((card) => ({ id: cardId(note.id, card.ord), card }))
		);
		const history = (id: string) => cards.find((c) => c.id === id)!.card.reviews;
		const manual = await db.reviews.filter((r) => r.rating === Rating.Manual).toArray();
		const byCard = new Map(manual.map((r) => [r.cardId, r]));
		expect(history(resetId).at(-1)).toEqual({
			id: byCard.get(resetId)!.id,
			at: byCard.get(resetId)!.review.toISOString(),
			change: 'reset',
			days: 0,
			resetCounts: false
		});
		expect(history(dueId).at(-1)).toEqual({
			id: byCard.get(dueId)!.id,
			at: byCard.get(dueId)!.review.toISOString(),
			change: 'due',
			days: 12
		});
		expect(history(dueId).length).toBe(await db.reviews.where('cardId').equals(dueId).count());
		expect(file.warnings).toEqual([]);
	}, 30_000);

	it('json: each reset says whether it zeroed the counts, and the import gives the same cards', async () => {
		const { db, deckId } = await studiedCollection();
		const [zeroed, kept] = (await db.cards.toArray()).filter((c) => c.reps > 0);
		const changedAt = new Date(AFTER.getTime() - DAY);
		await resetCards(db, [zeroed!.id], changedAt, { resetCounts: true });
		await resetCards(db, [kept!.id], changedAt, { resetCounts: false });
		const file = await exportDeck(db, deckId, 'json', AFTER, loadSql);
		const deck = JSON.parse(new TextDecoder().decode(file.bytes)) as DeckFile;
		const resets = deck.notes.flatMap((note) =>
			(note.cards ?? []).flatMap((card) =>
				(card.reviews ?? []).flatMap((r) =>
					'change' in r && r.change === 'reset'
						? [[cardId(note.id, card.ord), r.resetCounts] as const]
						: []
				)
			)
		);
		expect(new Map(resets)).toEqual(
			new Map([
				[zeroed!.id, true],
				[kept!.id, false]
			])
		);

		const target = freshDb();
		await commitImport(target, await parse(file.fileName, file.bytes, { now: AFTER }), AFTER);
		const counts = ({ state, reps, lapses }: CardRecord) => ({ state, reps, lapses });
		for (const [card, resetCounts] of [
			[zeroed!, true],
			[kept!, false]
		] as const) {
			const want = (await db.cards.get(card.id))!;
			expect(counts((await target.cards.get(card.id))!)).toEqual(counts(want));
			const rows = await target.reviews.where('cardId').equals(card.id).toArray();
			expect(rows.find((r) => r.rating === Rating.Manual)?.resetCounts).toBe(resetCounts);
		}
		// The two resets did differ: one zeroed, one kept the counts.
		expect((await db.cards.get(zeroed!.id))!.reps).toBe(0);
		expect((await db.cards.get(kept!.id))!.reps).toBeGreaterThan(0);
	}, 30_000);

	it.each(['apkg', 'json'] as const)(
		'%s: come back as Manual rows that shape the card, and re-import adds nothing',
		async (format) => {
			const { db, deckId, resetId, dueId } = await collectionWithManualChanges();
			const file = await exportDeck(db, deckId, format, AFTER, loadSql);
			const target = freshDb();
			const bundle = await parse(file.fileName, file.bytes, { now: AFTER });
			expect(bundle.warnings).toEqual([]);
			await commitImport(target, bundle, AFTER);

			const original = await db.reviews.count();
			expect(await target.reviews.count()).toBe(original);
			const manual = (await target.reviews.toArray()).filter((r) => r.rating === Rating.Manual);
			expect(manual.map((r) => r.cardId).sort()).toEqual([dueId, resetId].sort());
			if (format === 'json') {
				// The file keeps review ids: the same rows, not look-alikes.
				const ids = async (from: typeof db) =>
					(await from.reviews.toCollection().primaryKeys()).sort();
				expect(await ids(target)).toEqual(await ids(db));
			}

			const reset = (await target.cards.get(resetId))!;
			expect(reset).toMatchObject({ state: State.New, queue: 'new' });
			const due = (await target.cards.get(dueId))!;
			const wanted = (await db.cards.get(dueId))!;
			expect(due.state).toBe(State.Review);
			expect(Math.abs(new Date(due.due).getTime() - new Date(wanted.due).getTime())).toBeLessThan(
				DAY
			);

			const again = await commitImport(db, bundle, AFTER);
			expect(again).toMatchObject({ added: 0, updated: 0, reviewsAdded: 0, cardsAdded: 0 });
			expect(await db.reviews.count()).toBe(original);
		},
		30_000
	);
});
