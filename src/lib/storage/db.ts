/**
 * The one module that owns Dexie: the `engram` database, its typed tables and schema versions.
 * Never change a published version's stores; add a new version with an upgrade instead.
 */
import Dexie, {
	type DBCore,
	type DBCoreMutateRequest,
	type EntityTable,
	type Middleware
} from 'dexie';
import type {
	CardRecord,
	DeckRecord,
	NoteRecord,
	NoteTypeRecord,
	ReviewRecord,
	SettingRecord,
	TombstoneRecord
} from '$lib/domain/model';
import type { DeckPreset } from '$lib/domain/preset';
import type { BulkUndoRecord } from './bulk-edit';
import type { DeckUndoRecord } from './deck-delete';
import type { JournalRecord, JournalUndoRecord } from './write-journal';
import { shuffleKey } from '$lib/domain/queue-policy';

export interface MediaRecord {
	/** SHA-256 of the bytes, hex: content addressing makes sync and dedup free. */
	hash: string;
	name: string;
	type: string;
	bytes: Blob | ArrayBuffer;
	mtime: number;
}

export const DB_NAME = 'engram';

export class EngramDB extends Dexie {
	decks!: EntityTable<DeckRecord, 'id'>;
	noteTypes!: EntityTable<NoteTypeRecord, 'id'>;
	notes!: EntityTable<NoteRecord, 'id'>;
	cards!: EntityTable<CardRecord, 'id'>;
	reviews!: EntityTable<ReviewRecord, 'id'>;
	media!: EntityTable<MediaRecord, 'hash'>;
	presets!: EntityTable<DeckPreset, 'id'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	/** Keyed by [table+id]: ids are unique within a table, and a card id repeats its note's. */
	tombstones!: Dexie.Table<TombstoneRecord, [string, string]>;
	/** This device's bulk-edit undo, never backed up or synced (see storage/bulk-edit.ts). */
	bulkUndo!: Dexie.Table<BulkUndoRecord, [string, number]>;
	/** This device's undo of the last deck deletion, never backed up (see storage/deck-delete.ts). */
	deckUndo!: EntityTable<DeckUndoRecord, 'id'>;
	/** Large writes under way (restore, import) and what rolls them back (storage/write-journal.ts). */
	journal!: EntityTable<JournalRecord, 'id'>;
	journalUndo!: Dexie.Table<JournalUndoRecord, [string, number]>;
	/** Set when a newer version of the app opened the database in another tab: reload needed. */
	newerVersionOpened = false;
	#onNewerVersion = new Set<() => void>();

	constructor(name = DB_NAME) {
		super(name);
		this.version(1).stores({
			decks: 'id, name',
			noteTypes: 'id, name',
			notes: 'id, deckId, noteTypeId, *tags, mtime',
			// Queue queries walk [deckId+queue+due] (learning/review) and [deckId+queue+position]
			// (new), so finding the next card reads only the cards it returns.
			cards: 'id, noteId, deckId, queue, due, [deckId+queue+due], [deckId+queue+position]',
			reviews: 'id, cardId, deckId, review, [cardId+review], [deckId+review]',
			media: 'hash, name',
			presets: 'id',
			settings: 'key'
		});
		// Version 2: the random new-card order walks [deckId+queue+shuffle]; existing cards get
		// their shuffle key here, new ones from the creating hook below.
		this.version(2)
			.stores({
				cards:
					'id, noteId, deckId, queue, due, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]'
			})
			.upgrade((tx) =>
				tx
					.table<CardRecord, string>('cards')
					.toCollection()
					.modify((card) => {
						card.shuffle ??= shuffleKey(card.id);
					})
			);
		// Version 3: the browser filters by flag through an index (cards without a flag are not in
		// it). Adding an index rewrites no record, so no upgrade function is needed.
		this.version(3).stores({
			cards:
				'id, noteId, deckId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]'
		});
		// Version 4: a study day's progress (new cards and reviews answered) is counted through
		// [deckId+state+review], and the few manual rows of the day found through
		// [deckId+rating+review], instead of reading every review of the day on each answer.
		this.version(4).stores({
			reviews:
				'id, cardId, deckId, review, [cardId+review], [deckId+review], [deckId+state+review], [deckId+rating+review]'
		});
		// Version 5: deletions leave a tombstone (written in the deleting transaction), so a merge
		// restore or a later sync does not bring deleted records or undone reviews back.
		this.version(5).stores({ tombstones: '[table+id], deletedAt' });
		// Version 6: the browser's `added:N` walks notes' createdAt instead of reading every note,
		// and a bulk edit's undo is written page by page beside the edit (bulkUndo), so it can be
		// rolled back when cancelled and still undone after a reload. Adding an index or a table
		// rewrites no record: no upgrade function.
		this.version(6).stores({
			notes: 'id, deckId, noteTypeId, *tags, mtime, createdAt',
			bulkUndo: '[changeId+page]'
		});
		// Version 7: deleting a deck writes what undoes it (deckUndo) in the deleting transaction,
		// so the undo survives a reload. A new table rewrites no record: no upgrade function.
		this.version(7).stores({ deckUndo: 'id' });
		// Version 8: three indexes fewer, so each card and review written (an answer, a bulk
		// edit's page, an import) writes fewer index rows and the database is smaller. No query
		// used reviews' [cardId+review]. Cards' and reviews' `deckId` are the first part of
		// [deckId+queue+due] and [deckId+review]: a deck's rows are a range of those
		// (storage/deck-rows.ts), so within a deck cards now come by queue and due, not by id.
		// Dropping an index rewrites no record: no upgrade function.
		this.version(8).stores({
			cards:
				'id, noteId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
			reviews: 'id, cardId, review, [deckId+review], [deckId+state+review], [deckId+rating+review]'
		});
		// Version 9: a restore or an import writes in transactions under about 1 MiB (a bigger one
		// leaves Chromium an undo log that slows every later open), so it keeps its own journal and
		// undo rows to roll back with (storage/write-journal.ts). New tables: no upgrade function.
		this.version(9).stores({ journal: 'id', journalUndo: '[journalId+seq]' });
		// New cards get their shuffle key on the way down, not from a `creating` hook: with any
		// hook on a table, Dexie reads every record a put writes (to tell creating from updating),
		// which doubled the reads of each answer and each bulk edit's page.
		this.use(cardShuffleKeys);
		// A newer tab wants to upgrade: step aside (close) so it is not blocked, and tell the UI,
		// which asks the user to reload. Writes from here on fail with DatabaseClosedError.
		this.on('versionchange', () => {
			this.newerVersionOpened = true;
			this.close();
			for (const listener of this.#onNewerVersion) {
				listener();
			}
			return false;
		});
	}

	/** Calls `listener` when a newer version in another tab takes over; returns an unsubscribe. */
	onNewerVersion(listener: () => void): () => void {
		this.#onNewerVersion.add(listener);
		return () => this.#onNewerVersion.delete(listener);
	}
}

/** Fills a missing `shuffle` on cards added or put, without reading what they replace. */
const cardShuffleKeys: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'CardShuffleKeys',
	create: (down) => ({
		...down,
		table: (name) => {
			const table = down.table(name);
			if (name !== 'cards') {
				return table;
			}
			return {
				...table,
				mutate: (request: DBCoreMutateRequest) => {
					if (request.type === 'add' || request.type === 'put') {
						for (const card of request.values as CardRecord[]) {
							card.shuffle ??= shuffleKey(card.id);
						}
					}
					return table.mutate(request);
				}
			};
		}
	})
};

let instance: EngramDB | undefined;

/** The app's database; tests create their own EngramDB instances instead. */
export function getDb(): EngramDB {
	instance ??= new EngramDB();
	return instance;
}
