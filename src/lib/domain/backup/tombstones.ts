/**
 * Deletions in a merge: a tombstone removes its record from both sides unless that record was
 * changed after the deletion (then the change wins, as a sync would decide). Reviews are
 * immutable events, so a deleted (undone) review stays deleted whatever the other side holds.
 * A note's cards follow the note: deleted with it, and back with it when an edit made after
 * the deletion brings the note back.
 */
import type { CardRecord, TombstoneRecord, TombstoneTable } from '../model';
import type { MergeSide } from './merge';

type RecordTable = keyof MergeSide;
type Row = Record<string, unknown>;

export const tombstoneKey = (tombstone: { table: string; id: string }): string =>
	`${tombstone.table}\u0000${tombstone.id}`;

const TOMBSTONE_TABLES: readonly TombstoneTable[] = [
	'decks',
	'notes',
	'cards',
	'reviews',
	'presets',
	'settings'
];

const idOf = (table: TombstoneTable, record: Row): string =>
	String(table === 'settings' ? record.key : record.id);

export interface LiveCollections {
	local: MergeSide;
	incoming: MergeSide;
	/** Keys of this device's records to delete, by table. */
	deletes: Partial<Record<RecordTable, unknown[]>>;
	removed: Record<RecordTable, number>;
}

/** Both sides without the records the tombstones remove, and what that removes here. */
export function applyTombstones(
	local: MergeSide,
	incoming: MergeSide,
	tombstones: readonly TombstoneRecord[]
): LiveCollections {
	const byKey = new Map(tombstones.map((tombstone) => [tombstoneKey(tombstone), tombstone]));
	const deletedBy = (table: TombstoneTable, record: Row): TombstoneRecord | undefined =>
		byKey.get(tombstoneKey({ table, id: idOf(table, record) }));
	const killed = (table: TombstoneTable, record: Row): boolean => {
		const tombstone = deletedBy(table, record);
		if (!tombstone) {
			return false;
		}
		return table === 'reviews' || Number(record.mtime ?? 0) <= tombstone.deletedAt;
	};
	const side = (collection: MergeSide) => {
		const live = { ...collection } as unknown as Record<string, Row[]>;
		for (const table of TOMBSTONE_TABLES) {
			if (table !== 'cards') {
				live[table] = (collection[table] as unknown as Row[]).filter((r) => !killed(table, r));
			}
		}
		return live;
	};
	const mine = side(local);
	const theirs = side(incoming);
	// The cards of a deleted note follow the note, whatever their own tombstones say.
	const liveNotes = new Set([...mine.notes!, ...theirs.notes!].map((note) => String(note.id)));
	const cardLives = (card: CardRecord) =>
		deletedBy('notes', { id: card.noteId })
			? liveNotes.has(card.noteId)
			: !killed('cards', card as unknown as Row);
	mine.cards = local.cards.filter(cardLives) as unknown as Row[];
	theirs.cards = incoming.cards.filter(cardLives) as unknown as Row[];
	return {
		local: mine as unknown as MergeSide,
		incoming: theirs as unknown as MergeSide,
		...gone(local, mine)
	};
}

/** The keys of this device's records that did not survive, and how many per table. */
function gone(local: MergeSide, live: Record<string, Row[]>) {
	const deletes: Partial<Record<RecordTable, unknown[]>> = {};
	const removed = {} as LiveCollections['removed'];
	for (const table of Object.keys(local) as RecordTable[]) {
		if (table === 'tombstones') {
			removed.tombstones = 0;
			continue;
		}
		const before = local[table] as unknown as Row[];
		const kept = new Set(live[table]);
		const keys = before
			.filter((record) => !kept.has(record))
			.map((record) => (table === 'settings' ? record.key : record.id));
		removed[table] = keys.length;
		if (keys.length > 0) {
			deletes[table] = keys;
		}
	}
	return { deletes, removed };
}
