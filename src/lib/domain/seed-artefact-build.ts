/**
 * Build time: a bundled deck file, validated and turned into records exactly as an import of it
 * would be, with the times taken out (they are stamped in when the deck is seeded).
 */
import { parseDeckFile } from './deck-file';
import { deckFileToRecords } from './deck-records';
import type { SeedArtefact } from './seed-artefact';

export function toSeedArtefact(input: unknown): SeedArtefact {
	const records = deckFileToRecords(parseDeckFile(input), new Date(0));
	const untimed = <T extends { createdAt: number; mtime: number }>(record: T) => {
		const { createdAt: _created, mtime: _mtime, ...rest } = record;
		return rest;
	};
	return {
		deck: untimed(records.deck),
		subdecks: records.subdecks.map(untimed),
		noteTypes: records.noteTypes.map(({ mtime: _mtime, ...type }) => type),
		notes: records.notes.map(({ createdAt: _c, mtime: _m, fieldMtimes: _f, ...note }) => note),
		cards: records.cards.map(({ id, noteId, deckId, ord, queue, position }) => ({
			id,
			noteId,
			deckId,
			ord,
			queue,
			position
		}))
	};
}
