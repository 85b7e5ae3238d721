/** A collection with something in every table, and a dump of every table to compare. */
import type { TableName } from '$lib/domain/backup/format';
import { GRADES, Rating } from '$lib/domain/scheduler';
import { suspendCards } from '$lib/storage/card-actions';
import type { EngramDB, MediaRecord } from '$lib/storage/db';
import { toMediaRecords } from '$lib/storage/media';
import { addNote } from '$lib/storage/notes';
import { createPreset } from '$lib/storage/presets';
import { nextCard } from '$lib/storage/queue';
import { setDayStartHour } from '$lib/storage/study-settings';
import { answerShown, NOW, seededDb } from '../helpers';

export const MINUTE = 60_000;

/** A small PNG's worth of bytes (any bytes do: media are addressed by content). */
export const PICTURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

/** Answers the next `count` cards of the deck, one minute apart, cycling through the grades. */
export async function study(db: EngramDB, deckId: string, count: number, start: Date) {
	const answered: string[] = [];
	for (let i = 0; i < count; i += 1) {
		const now = new Date(start.getTime() + i * MINUTE);
		const card = await nextCard(db, deckId, now);
		if (!card) {
			break;
		}
		await answerShown(db, card.id, GRADES[i % GRADES.length] ?? Rating.Good, now);
		answered.push(card.id);
	}
	return answered;
}

/** The bundled deck, studied, with a note of our own, a suspended card, media, settings, presets. */
export async function richCollection() {
	const { db, deckId } = await seededDb(NOW);
	await study(db, deckId, 8, NOW);
	const { note } = await addNote(
		db,
		{
			deckId,
			noteTypeId: 'basic',
			fields: { Front: 'Q<img src="p.png">', Back: 'A' },
			tags: ['x']
		},
		NOW
	);
	const cards = await db.cards.where('noteId').equals(note.id).primaryKeys();
	await suspendCards(db, cards, NOW);
	await db.media.bulkAdd(
		await toMediaRecords([{ name: 'p.png', type: 'image/png', bytes: PICTURE }], NOW)
	);
	await setDayStartHour(db, 5, NOW);
	const preset = await createPreset(db, 'Slow', NOW);
	await db.decks.update(deckId, { presetId: preset.id });
	return { db, deckId, noteId: note.id };
}

/** Every table in key order: what "identical collection" means in these tests. */
export async function dump(db: EngramDB): Promise<Record<TableName, unknown[]>> {
	const tables = Object.fromEntries(
		await Promise.all(db.tables.map(async (table) => [table.name, await table.toArray()] as const))
	) as Record<TableName, unknown[]>;
	// Media bytes as bytes: a restore stores a Blob where the original may hold an ArrayBuffer
	// (and any two Blobs would compare equal).
	tables.media = await Promise.all(
		(tables.media as MediaRecord[]).map(async (m) => ({
			...m,
			bytes: new Uint8Array(m.bytes instanceof Blob ? await m.bytes.arrayBuffer() : m.bytes)
		}))
	);
	return tables;
}
