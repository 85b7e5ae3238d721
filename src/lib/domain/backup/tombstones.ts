/**
 * Deletions in a merge, decided record by record: a tombstone removes its record from both sides
 * unless that record was changed after the deletion (then the change wins, as a sync would
 * decide). Reviews are immutable events, so a deleted (undone) review stays deleted whatever the
 * other side holds. A note's cards follow the note: deleted with it, and back with it when an
 * edit made after the deletion brings the note back (its own tombstone then does not count).
 */
import type { TombstoneRecord, TombstoneTable } from '../model';

export const TOMBSTONE_TABLES: readonly TombstoneTable[] = [
	'decks',
	'notes',
	'cards',
	'reviews',
	'presets',
	'settings',
	'filteredDecks'
];

export function isTombstoneTable(table: string): table is TombstoneTable {
	return (TOMBSTONE_TABLES as readonly string[]).includes(table);
}

/** The id a tombstone names a record by (the key, for settings). */
export const tombstoneId = (table: TombstoneTable, record: object): string =>
	String(table === 'settings' ? (record as { key: string }).key : (record as { id: string }).id);

/** Whether `tombstone` (for this record's id, if any) removes the record. */
export function deletedBy(
	table: TombstoneTable,
	record: { mtime?: number },
	tombstone: TombstoneRecord | undefined
): boolean {
	if (!tombstone) {
		return false;
	}
	return table === 'reviews' || Number(record.mtime ?? 0) <= tombstone.deletedAt;
}

/**
 * Whether a card lives: with its note when the note has a tombstone (`noteLives` says whether
 * the merged collection still holds the note), else by its own tombstone.
 */
export function cardLives(
	card: { mtime: number },
	noteTombstone: TombstoneRecord | undefined,
	noteLives: boolean,
	cardTombstone: TombstoneRecord | undefined
): boolean {
	return noteTombstone ? noteLives : !deletedBy('cards', card, cardTombstone);
}

/** Both deleted it: the later deletion is kept. */
export const laterDeletion = (mine: TombstoneRecord, theirs: TombstoneRecord): TombstoneRecord =>
	theirs.deletedAt > mine.deletedAt ? theirs : mine;
