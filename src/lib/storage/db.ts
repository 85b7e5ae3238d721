/**
 * The one module that owns Dexie: the `engram` database, its typed tables and schema versions.
 * To change the schema, declare a new version with every store (and an upgrade function if
 * records must change); never change a version that has shipped.
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
import type { LimitExtension } from '$lib/domain/custom-study/limit-extension';
import type { FilteredDeckRecord, PreviewRecord } from '$lib/domain/custom-study/filtered';
import type { BulkUndoRecord } from './bulk-edit';
import type { DeckUndoRecord } from './deck-delete';
import type { JournalRecord, JournalUndoRecord } from './write-journal';
import { journalGuard, OPEN_KEY } from './journal-guard';
import { shuffleKey } from '$lib/domain/queue-policy';
import { setIndexKeys } from '$lib/domain/card-index-keys';
import { cardDeckIds, cardsInQueue } from './deck-rows';
import { openReads } from './open-reads';
import { resumeGuard } from './resume-card';

export interface MediaRecord {
	/** SHA-256 of the bytes, hex: content addressing makes sync and dedup free. */
	hash: string;
	name: string;
	type: string;
	bytes: Blob | ArrayBuffer;
	mtime: number;
}

export const DB_NAME = 'engram';

/** Version 11's stores, as shipped (version 12 changes only the cards' indexes). */
const VERSION_11_STORES = {
	decks: 'id, name',
	noteTypes: 'id, name',
	// createdAt (6): the browser's `added:N` walks it instead of reading every note.
	notes: 'id, deckId, noteTypeId, *tags, mtime, createdAt',
	// Queue queries walk [deckId+queue+due] (learning/review), [deckId+queue+position] and
	// [deckId+queue+shuffle] (new), so finding the next card reads only the cards it returns;
	// the browser filters by flag (3; cards without one are not in it). No `deckId` (8): a
	// deck's rows are ranges of the compound indexes (storage/deck-rows.ts).
	cards:
		'id, noteId, queue, due, flag, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
	// A study day's progress is counted through [deckId+state+review] and its few manual
	// rows found through [deckId+rating+review] (4).
	reviews: 'id, cardId, review, [deckId+review], [deckId+state+review], [deckId+rating+review]',
	media: 'hash, name',
	presets: 'id',
	settings: 'key',
	// Deletions leave a tombstone (5), so a merge restore or a later sync does not bring
	// deleted records or undone reviews back.
	tombstones: '[table+id], deletedAt',
	// This device's undo of a bulk edit (6) and of the last deck deletion (7).
	bulkUndo: '[changeId+page]',
	deckUndo: 'id',
	// A restore or an import writes in transactions under about 1 MiB (a bigger one leaves
	// Chromium an undo log that slows every later open), so it keeps its own journal and
	// undo rows to roll back with (9, storage/write-journal.ts).
	journal: 'id',
	journalUndo: '[journalId+seq]',
	// Custom study (10): today's raised limits by deck, filtered sessions by home deck, and
	// what a preview session showed (storage/custom-study.ts).
	limitExtensions: 'id, deckId',
	filteredDecks: 'id, homeDeckId',
	previews: 'id, cardId, [filteredId+answeredAt]',
	// The row that refuses other writes while a journal is open (11, journal-guard.ts).
	journalOpen: 'id'
};

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
	/** One row while a journal is open: every other write meets it and fails (journal-guard.ts). */
	journalOpen!: EntityTable<{ id: string }, 'id'>;
	/** Today's raised daily limits, one record per deck and study day (custom study, 10). */
	limitExtensions!: EntityTable<LimitExtension, 'id'>;
	/** Custom study sessions: a saved search, limit and order; cards stay in their decks (10). */
	filteredDecks!: EntityTable<FilteredDeckRecord, 'id'>;
	/** Cards looked at in a preview session: not reviews, they change no schedule (10). */
	previews!: EntityTable<PreviewRecord, 'id'>;
	/** Set when a newer version of the app opened the database in another tab: reload needed. */
	newerVersionOpened = false;
	#onNewerVersion = new Set<() => void>();
	#reads = openReads();

	constructor(name = DB_NAME) {
		super(name);
		// Only versions with an upgrade function are declared, and the current one: Dexie (since 3)
		// reads an installed database's schema from the database itself and moves it to the
		// declared one, adding and dropping tables and indexes, so a bare version adds nothing but
		// bytes to the first screen. Each version's stores, as shipped, are kept in
		// tests/unit/migrations.test.ts, which opens a database of each with this class.
		// Version 2: the random new-card order walks [deckId+queue+shuffle]; existing cards get
		// their shuffle key here, new ones from the middleware below.
		this.version(2)
			.stores({
				decks: 'id, name',
				noteTypes: 'id, name',
				notes: 'id, deckId, noteTypeId, *tags, mtime',
				cards:
					'id, noteId, deckId, queue, due, [deckId+queue+due], [deckId+queue+position], [deckId+queue+shuffle]',
				reviews: 'id, cardId, deckId, review, [cardId+review], [deckId+review]',
				media: 'hash, name',
				presets: 'id',
				settings: 'key'
			})
			.upgrade((tx) =>
				tx
					.table<CardRecord, string>('cards')
					.toCollection()
					.modify((card) => {
						card.shuffle ??= shuffleKey(card.id);
					})
			);
		this.version(11)
			.stores(VERSION_11_STORES)
			// A journal left open by an older version (a crash) gets its row: refused until rolled back.
			.upgrade(async (tx) => {
				const journals = await tx.table<JournalRecord>('journal').toArray();
				if (journals.some((journal) => journal.state === 'open')) {
					await tx.table('journalOpen').add({ id: OPEN_KEY });
				}
			});
		this.version(12)
			.stores({
				...VERSION_11_STORES,
				// Sparse new-card indexes (12, domain/card-index-keys.ts): only cards in the new queue
				// carry `newPosition` and `shuffle`, so a graduated card is in neither. Both keep `queue`
				// in the key, so a stale field (cards written before 12 keep `shuffle` until their next
				// write) never passes for a new card. No `queue` index: a queue's cards are ranges of
				// [deckId+queue+due] (storage/deck-rows.ts). `due` stays for the browser's due order.
				cards:
					'id, noteId, due, flag, [deckId+queue+due], [deckId+queue+newPosition], [deckId+queue+shuffle]'
			})
			// The new queue's cards get `newPosition` (the only records rewritten); the others lose
			// `shuffle` and a zero `flag` when next written.
			.upgrade(async (tx) => {
				const cards = tx.table('cards') as EngramDB['cards'];
				for (const deckId of await cardDeckIds(cards)) {
					await cardsInQueue(cards, deckId, 'new').modify(setIndexKeys);
				}
			});
		// Every card written gets its index-only fields on the way down, not from a `creating`
		// hook: with any hook on a table, Dexie reads every record a put writes (to tell creating
		// from updating), which doubled the reads of each answer and each bulk edit's page.
		this.use(cardIndexKeys);
		// No write to the collection lands while a restore or import is written (journal-guard.ts).
		// A refusal with nobody writing (the writer crashed) rolls the journal back.
		this.use(
			journalGuard(() => {
				// Without waiting: a live writer holds the lock and is left alone.
				void import('./write-journal').then(({ recoverJournals }) =>
					recoverJournals(this).catch(console.error)
				);
			})
		);
		this.use(this.#reads.middleware);
		// Any write that could change the study screen's first card drops its resume snapshot
		// (resume-card.ts), which app.html's boot script would otherwise paint on the next start.
		this.use(resumeGuard());
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

	/**
	 * The page is being closed: aborts the read-only transactions still open, so the writes asked
	 * for after them run before the page's connection goes (storage/open-reads.ts); how many.
	 */
	abortReads(): number {
		return this.#reads.abortAll();
	}

	/** Calls `listener` when a newer version in another tab takes over; returns an unsubscribe. */
	onNewerVersion(listener: () => void): () => void {
		this.#onNewerVersion.add(listener);
		return () => this.#onNewerVersion.delete(listener);
	}
}

/** Sets or clears the cards' index-only fields on every add or put, without reading anything. */
const cardIndexKeys: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'CardIndexKeys',
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
							setIndexKeys(card);
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
