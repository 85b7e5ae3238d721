// A real, lived-in collection to export (the bundled deck studied for a week, a subdeck with a
// cloze note, tags, an image, a suspended and a flagged card) and a format-neutral view of a
// deck tree, so an exported-then-imported collection can be compared with the original.
import { Rating } from 'ts-fsrs';
import { exportDeck } from '$lib/storage/export';
import type { ExportFormat } from '$lib/domain/export/export-deck';
import { commitImport } from '$lib/storage/import-commit';
import { toMediaRecords, sha256Hex } from '$lib/storage/media';
import { addNote } from '$lib/storage/notes';
import { flagCards, suspendCards } from '$lib/storage/card-actions';
import type { EngramDB } from '$lib/storage/db';
import { answerShown, freshDb, NOW, seededDb } from '../helpers';
import { loadSql, parse } from '../import/import-helpers';
import { cardsInDeck, cardsInDecks } from '$lib/storage/deck-rows';

const DAY = 86_400_000;
export const AFTER = new Date(NOW.getTime() + 8 * DAY);
export const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
export const ROOT = 'History::October 1917';
export const SUBDECK = `${ROOT}::Smolny`;

export async function studiedCollection(): Promise<{ db: EngramDB; deckId: string }> {
	const { db, deckId } = await seededDb(NOW);
	const time = NOW.getTime();
	await db.decks.add({
		id: 'smolny',
		name: SUBDECK,
		description: '',
		presetId: 'default',
		createdAt: time,
		mtime: time
	});
	await db.media.bulkAdd(
		await toMediaRecords([{ name: 'smolny map.png', type: 'image/png', bytes: IMAGE }], NOW)
	);
	const pictured = await addNote(
		db,
		{
			deckId: 'smolny',
			noteTypeId: 'basic',
			fields: { Front: 'Where is this? <img src="smolny map.png">', Back: 'The Smolny Institute' },
			tags: ['place', 'map']
		},
		NOW
	);
	const cloze = await addNote(
		db,
		{
			deckId: 'smolny',
			noteTypeId: 'cloze',
			fields: {
				Text: '{{c1::Lenin}} addressed the {{c2::Congress of Soviets}}.',
				Extra: 'Evening, 25 October'
			},
			tags: ['quote', 'lenin']
		},
		NOW
	);
	const cards = await cardsInDeck(db, deckId).sortBy('position');
	// A week of study: five cards answered daily with a mix of grades.
	for (let day = 0; day < 7; day += 1) {
		for (const [i, card] of cards.slice(0, 5).entries()) {
			const grade = (day + i) % 4 === 0 ? Rating.Again : day % 3 === 0 ? Rating.Hard : Rating.Good;
			await answerShown(db, card.id, grade, new Date(NOW.getTime() + day * DAY + i * 60_000));
		}
	}
	await answerShown(
		db,
		pictured.addedCardIds[0]!,
		Rating.Easy,
		new Date(NOW.getTime() + DAY + 3_600_000)
	);
	await suspendCards(db, [cards[7]!.id, cloze.addedCardIds[1]!], NOW);
	await flagCards(db, [cards[8]!.id], 3, NOW);
	return { db, deckId };
}

/** Exports `deckId` from `db` and imports the file into a new, empty collection. */
export async function roundTrip(db: EngramDB, deckId: string, format: ExportFormat) {
	const file = await exportDeck(db, deckId, format, AFTER, loadSql);
	const target = freshDb();
	const bundle = await parse(file.fileName, file.bytes, { now: AFTER });
	const summary = await commitImport(target, bundle, AFTER);
	return { file, target, bundle, summary };
}

/** Notes from Anki come back as `anki:<guid>`: compare notes by the id without that prefix. */
const key = (noteId: string) => noteId.replace(/^anki:/, '');

export interface DeckTreeView {
	decks: string[];
	notes: { id: string; type: string; fields: string[]; tags: string[]; deck: string }[];
	cards: { id: string; deck: string; suspended: boolean; flag: number }[];
	reviews: { card: string; rating: number; at: number }[];
	media: string[];
}

/** Everything in the deck `rootName` and below, keyed so that it survives an export. */
export async function viewTree(db: EngramDB, rootName: string): Promise<DeckTreeView> {
	const decks = (await db.decks.toArray()).filter(
		(d) => d.name === rootName || d.name.startsWith(`${rootName}::`)
	);
	const deckName = new Map(decks.map((d) => [d.id, d.name]));
	const cards = await cardsInDecks(db, [...deckName.keys()]).toArray();
	const notes = await db.notes.bulkGet([...new Set(cards.map((c) => c.noteId))]);
	const types = new Map((await db.noteTypes.toArray()).map((t) => [t.id, t]));
	const cardKey = (id: string) => key(id);
	const reviews = await db.reviews
		.where('cardId')
		.anyOf(cards.map((c) => c.id))
		.toArray();
	const media = await Promise.all(
		(await db.media.toArray()).map(
			async (m) => `${m.name}:${await sha256Hex(new Uint8Array(m.bytes as ArrayBuffer))}`
		)
	);
	const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
	return {
		decks: [...deckName.values()].sort(),
		notes: notes
			.filter((n) => n !== undefined)
			.map((n) => {
				const type = types.get(n.noteTypeId)!;
				return {
					id: key(n.id),
					type: type.name,
					fields: type.fields.map((f) => n.fields[f] ?? ''),
					tags: [...n.tags].sort(),
					deck: deckName.get(n.deckId) ?? ''
				};
			})
			.sort(byId),
		cards: cards
			.map((c) => ({
				id: cardKey(c.id),
				deck: deckName.get(c.deckId)!,
				suspended: c.queue === 'suspended',
				flag: c.flag ?? 0
			}))
			.sort(byId),
		reviews: reviews
			.filter((r) => r.rating !== Rating.Manual)
			.map((r) => ({ card: cardKey(r.cardId), rating: r.rating, at: new Date(r.review).getTime() }))
			.sort((a, b) => a.card.localeCompare(b.card) || a.at - b.at),
		media: media.sort()
	};
}
