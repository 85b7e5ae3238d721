// Export a studied deck tree in each format and import the file with the app's own importer
// into an empty collection: the same notes, cards, decks, tags (and for .apkg and Engram JSON the
// same review history, suspended cards and rebuilt FSRS state) come back.
import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { historyScheduler, replayHistory } from '$lib/domain/import/review-history';
import { parseDeckJson } from '$lib/domain/deck-file';
import type { CardRecord } from '$lib/domain/model';
import type { EngramDB } from '$lib/storage/db';
import {
	AFTER,
	IMAGE,
	ROOT,
	roundTrip,
	studiedCollection,
	SUBDECK,
	viewTree
} from './export-helpers';

/** The state replaying `cardId`'s reviews in `db` gives, as the importer must rebuild it. */
async function rebuilt(db: EngramDB, card: CardRecord) {
	const reviews = await db.reviews.where('cardId').equals(card.id).sortBy('review');
	const answers = reviews.map((r) => ({
		sourceId: r.id,
		rating: r.rating as 1 | 2 | 3 | 4,
		review: new Date(r.review),
		duration: r.duration
	}));
	const { card: state } = replayHistory(
		historyScheduler(),
		{ cardId: card.id, deckId: card.deckId },
		answers,
		AFTER
	);
	return {
		state: state.state,
		reps: state.reps,
		lapses: state.lapses,
		stability: state.stability,
		difficulty: state.difficulty
	};
}

describe('deck export round trips', () => {
	it('.apkg: same notes, cards, decks, suspended cards, flags, media and review history; FSRS state rebuilt', async () => {
		const { db, deckId } = await studiedCollection();
		const { file, target, summary } = await roundTrip(db, deckId, 'apkg');
		expect(file.fileName).toBe('History - October 1917.apkg');
		expect(summary.warnings).toEqual([]);
		const before = await viewTree(db, ROOT);
		const after = await viewTree(target, ROOT);
		expect(before.notes.length).toBe(await db.notes.count());
		expect(before.reviews.length).toBe(36);
		expect(before.cards.filter((c) => c.suspended)).toHaveLength(2);
		expect(after).toEqual(before);
		expect(after.decks).toContain(SUBDECK);
		expect(after.media).toHaveLength(1);
		expect(after.media[0]).toMatch(/^smolny map\.png:/);

		const studied = (await db.cards.toArray()).filter((c) => c.reps > 0);
		expect(studied).toHaveLength(6);
		for (const card of studied) {
			const imported = await target.cards.get(card.id);
			expect(imported).toMatchObject(await rebuilt(db, card));
			expect(imported!.state).not.toBe(State.New);
		}
	}, 30_000);

	it('Engram JSON: the same collection, with note ids, review ids, kinds and sources kept', async () => {
		const { db, deckId } = await studiedCollection();
		const { file, target, summary } = await roundTrip(db, deckId, 'json');
		expect(file.fileName).toBe('History - October 1917.json');
		const parsed = parseDeckJson(new TextDecoder().decode(file.bytes));
		expect(parsed.notes.filter((n) => n.deck === SUBDECK)).toHaveLength(2);
		expect(summary).toMatchObject({
			added: await db.notes.count(),
			reviewsAdded: 36,
			warnings: []
		});
		const before = await viewTree(db, ROOT);
		// Media stay behind in a JSON export (it is text); everything else comes back.
		expect(await viewTree(target, ROOT)).toEqual({ ...before, media: [] });

		const originals = await db.notes.toArray();
		for (const note of originals) {
			const copy = await target.notes.get(note.id);
			expect(copy).toMatchObject({
				fields: note.fields,
				tags: note.tags,
				kind: note.kind,
				source: note.source
			});
		}
		const reviewIds = (await db.reviews.toArray()).map((r) => r.id).sort();
		expect((await target.reviews.toArray()).map((r) => r.id).sort()).toEqual(reviewIds);
		for (const card of (await db.cards.toArray()).filter((c) => c.reps > 0)) {
			expect(await target.cards.get(card.id)).toMatchObject(await rebuilt(db, card));
		}
	}, 30_000);

	it('Engram JSON imported back into the collection it came from changes nothing', async () => {
		const { db, deckId } = await studiedCollection();
		const { file } = await roundTrip(db, deckId, 'json');
		const { parseImport } = await import('$lib/domain/import/parse-import');
		const { commitImport } = await import('$lib/storage/import-commit');
		const { loadSql } = await import('../import/import-helpers');
		const bundle = await parseImport(file.fileName, file.bytes, { now: AFTER, loadSql });
		const summary = await commitImport(db, bundle, AFTER);
		expect(summary).toMatchObject({
			added: 0,
			updated: 0,
			unchanged: await db.notes.count(),
			reviewsAdded: 0
		});
	}, 30_000);

	it('Anki text (TSV): the same notes with their fields, tags and decks', async () => {
		const { db, deckId } = await studiedCollection();
		const { file, target, bundle, summary } = await roundTrip(db, deckId, 'csv');
		expect(file.fileName).toBe('History - October 1917.tsv');
		const text = new TextDecoder().decode(file.bytes);
		expect(text.split('\n').slice(0, 7)).toEqual([
			'#separator:tab',
			'#html:true',
			'#columns:guid\tnotetype\tdeck\tField 1\tField 2\ttags',
			'#guid column:1',
			'#notetype column:2',
			'#deck column:3',
			'#tags column:6'
		]);
		expect(bundle.format).toBe('tsv');
		expect(summary).toMatchObject({ added: await db.notes.count(), skipped: [], warnings: [] });
		const before = await viewTree(db, ROOT);
		const after = await viewTree(target, ROOT);
		expect(after.decks).toEqual(before.decks);
		expect(after.notes).toEqual(before.notes);
		// Text carries notes only: every card comes back, new and unsuspended.
		expect(after.cards.map((c) => c.id)).toEqual(before.cards.map((c) => c.id));
		expect(after.reviews).toEqual([]);
		expect(await target.media.count()).toBe(0);
	}, 30_000);

	it('exports only the chosen deck and its subdecks', async () => {
		const { db } = await studiedCollection();
		const { target } = await roundTrip(db, 'smolny', 'apkg');
		expect((await target.decks.toArray()).map((d) => d.name).sort()).toEqual([
			'History',
			ROOT,
			SUBDECK
		]);
		expect(await target.notes.count()).toBe(2);
		expect(await target.cards.count()).toBe(3);
		const media = await target.media.toArray();
		expect(new Uint8Array(media[0]!.bytes as ArrayBuffer)).toEqual(IMAGE);
	}, 30_000);

	it('refuses a deck that no longer exists with one sentence', async () => {
		const { db } = await studiedCollection();
		await expect(roundTrip(db, 'gone', 'json')).rejects.toThrow(
			'This deck does not exist any more.'
		);
	});
});
