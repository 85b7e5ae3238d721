// Committing imports: all or nothing, merge on re-import by note id, review history kept and
// FSRS state rebuilt from Anki's revlog.
import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { commitImport } from '$lib/storage/import-commit';
import { freshDb, NOW } from '../helpers';
import { fixture, loadSql, parse, snapshot } from './import-helpers';
import { basicCollection, legacyApkg, text } from '../../shared/hostile-decks';
import { cardsInDeck, reviewsInDecks } from '$lib/storage/deck-rows';

const LATER = new Date(NOW.getTime() + 86_400_000);
const FRENCH = 'french-cloze-anki21-nometa.apkg';

/**
 * The French deck's tests parse and write its 1,639 notes and their revlog for real: 6.5 s for
 * the re-import test at a load of 12 here, several times that when the suite shares two cores
 * with the end-to-end run. The limit is there to catch a hang (vite.config.ts), not to time it.
 */
const REAL_DECK_TIMEOUT = 120_000;

describe('commitImport', () => {
	it(
		're-importing the same file changes nothing and reports every note unchanged',
		async () => {
			const db = freshDb();
			await commitImport(db, await parse(FRENCH, fixture(FRENCH)), NOW);
			const before = await snapshot(db);
			const again = await commitImport(
				db,
				await parse(FRENCH, fixture(FRENCH), { now: LATER }),
				LATER
			);
			expect(again).toMatchObject({
				added: 0,
				updated: 0,
				unchanged: 1639,
				cardsAdded: 0,
				reviewsAdded: 0
			});
			expect(await snapshot(db)).toEqual(before);
		},
		REAL_DECK_TIMEOUT
	);

	it('merges a changed re-import: new notes added, edited ones updated field by field', async () => {
		const db = freshDb();
		await commitImport(
			db,
			await parse('d.csv', text('#deck:Words\nhola,hello\nadiós,goodbye\n')),
			NOW
		);
		const summary = await commitImport(
			db,
			await parse('d.csv', text('#deck:Words\nhola,hi\nadiós,goodbye\ngracias,thanks\n')),
			LATER
		);
		expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
		const hola = (await db.notes.toArray()).find((n) => n.fields.Front === 'hola')!;
		expect(hola.fields.Back).toBe('hi');
		expect(hola.fieldMtimes).toEqual({ Front: NOW.getTime(), Back: LATER.getTime() });
		expect(await db.notes.count()).toBe(3);
		expect(await db.decks.where('name').equals('Words').count()).toBe(1);
	});

	it('keeps the Engram scheduling of cards already studied when the file brings no new history', async () => {
		const db = freshDb();
		await commitImport(db, await parse('d.csv', text('a,b\n')), NOW);
		const card = (await db.cards.toArray())[0]!;
		await db.cards.put({ ...card, reps: 5, state: State.Review });
		await commitImport(db, await parse('d.csv', text('a,changed\n')), LATER);
		expect(await db.cards.get(card.id)).toMatchObject({ reps: 5, state: State.Review });
	});

	it('merges into an existing deck with the same name', async () => {
		const db = freshDb();
		await db.decks.add({
			id: 'mine',
			name: 'Test deck',
			description: '',
			presetId: 'default',
			createdAt: 0,
			mtime: 0
		});
		const name = 'apkgparser-legacy2-anki21-media.apkg';
		await commitImport(db, await parse(name, fixture(name)), NOW);
		expect(await db.decks.count()).toBe(1);
		expect(await cardsInDeck(db, 'mine').count()).toBe(6);
		expect(await reviewsInDecks(db, ['mine']).count()).toBe(7);
	});

	it('writes nothing at all when any part of the write fails', async () => {
		const db = freshDb();
		const name = 'apkgparser-legacy2-anki21-media.apkg';
		await commitImport(db, await parse('d.csv', text('x,y\n')), NOW);
		const before = await snapshot(db);
		const bundle = await parse(name, fixture(name));
		// Two reviews with one id: bulkAdd fails after the notes and cards were already written.
		bundle.reviews.push({ ...bundle.reviews[0]! });
		await expect(commitImport(db, bundle, NOW)).rejects.toThrow();
		expect(await snapshot(db)).toEqual(before);
	});

	it('stores media by SHA-256 of the bytes, once', async () => {
		const db = freshDb();
		const bytes = legacyApkg(
			await loadSql(),
			basicCollection('<img src="a.png">', '<img src="b.png">'),
			{ 0: 'a.png', 1: 'b.png' },
			{ 0: text('same'), 1: text('same') }
		);
		const summary = await commitImport(db, await parse('m.apkg', bytes), NOW);
		expect(summary.mediaAdded).toBe(1);
		const [media] = await db.media.toArray();
		// sha256("same")
		expect(media!.hash).toBe('0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5');
	});
});

describe('review history', { timeout: REAL_DECK_TIMEOUT }, () => {
	// Parsed once for both tests, which only read it.
	let parsed: ReturnType<typeof parse> | undefined;
	const french = () => (parsed ??= parse(FRENCH, fixture(FRENCH)));

	it('rebuilds FSRS state from revlog: reviewed cards are not new, events replay in order', async () => {
		const bundle = await french();
		const reviewed = new Set(bundle.reviews.map((r) => r.cardId));
		const counts = new Map<string, number>();
		bundle.reviews.forEach((r) => counts.set(r.cardId, (counts.get(r.cardId) ?? 0) + 1));
		for (const card of bundle.cards) {
			if (reviewed.has(card.id)) {
				expect(card.state).not.toBe(State.New);
				expect(card.stability).toBeGreaterThan(0);
				expect(card.reps).toBe(counts.get(card.id));
			} else {
				expect(card.state).toBe(State.New);
			}
		}
		const first = bundle.reviews.find((r) => r.cardId === bundle.reviews[0]!.cardId)!;
		expect(first.state).toBe(State.New);
		expect(first.review.getTime()).toBeLessThan(NOW.getTime());
	});

	it('keeps suspended cards suspended', async () => {
		const bundle = await french();
		expect(bundle.cards.filter((c) => c.queue === 'suspended')).toHaveLength(47);
	});
});
