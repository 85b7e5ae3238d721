/**
 * Merges a backup into the collection page by page, through the caller's journaled writes (all
 * or nothing, see write-journal.ts): neither collection is ever held whole. For each table, first this device's
 * records that a tombstone (from either side, merged first) removes are deleted, then the
 * backup's pages are read and each record is resolved against the one stored under its key by
 * the rules of domain/backup/merge.ts. Tables go in dependency order: notes before cards (a card
 * follows its note), reviews before cards (a card is rebuilt from the merged history).
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import { canonicalJson } from '$lib/domain/backup/canonical';
import { TABLE_NAMES, type TableCounts } from '$lib/domain/backup/format';
import {
	cardWithoutReplay,
	keepMine,
	mergeNote,
	newer,
	newerSetting,
	replayedCard,
	schedulers
} from '$lib/domain/backup/merge';
import { PAGE_SIZE, type BackupReader, type RecordTable } from '$lib/domain/backup/read';
import {
	cardLives,
	deletedBy,
	isTombstoneTable,
	laterDeletion,
	tombstoneId
} from '$lib/domain/backup/tombstones';
import type { CardRecord, ReviewRecord, TombstoneRecord, TombstoneTable } from '$lib/domain/model';
import type { EngramDB } from './db';
import type { JournaledWrites } from './write-journal';

export interface MergeCounts {
	added: TableCounts;
	updated: TableCounts;
	removed: TableCounts;
}

/** Called between pages: may throw to roll the merge back (cancel), reports records done. */
export type PageCheck = (records: number) => void;

type Row = Record<string, unknown>;
/** A merge rule, typed loosely: each table passes its own record type's rule. */
type Resolve = (mine: never, theirs: never) => object | Promise<object>;

const counted = (): TableCounts =>
	Object.fromEntries(TABLE_NAMES.map((table) => [table, 0])) as TableCounts;

const keyOf = (table: RecordTable, record: Row): IndexableType =>
	table === 'settings'
		? (record.key as string)
		: table === 'tombstones'
			? [record.table as string, record.id as string]
			: (record.id as string);

class PagedMerge {
	readonly counts: MergeCounts = { added: counted(), updated: counted(), removed: counted() };
	/** Per card: reviews the backup holds, and reviews it added here. */
	readonly #theirReviews = new Map<string, number>();
	readonly #addedReviews = new Map<string, number>();

	readonly db: EngramDB;

	constructor(
		readonly writes: JournaledWrites,
		readonly backup: BackupReader,
		readonly check: PageCheck,
		readonly pageSize: number
	) {
		this.db = writes.db;
	}

	async run(): Promise<MergeCounts> {
		await this.#incoming('tombstones', laterDeletion);
		for (const table of ['presets', 'decks', 'noteTypes'] as const) {
			await this.#table(table, newer);
		}
		await this.#table('notes', mergeNote);
		await this.#table('reviews', keepMine);
		await this.#cards();
		await this.#table('settings', newerSetting);
		await this.#customStudy();
		return this.counts;
	}

	/**
	 * Today's raised limits are events with their own ids, so both sides' raises are kept (a
	 * legacy per-day total takes the side changed last); the sessions take the side changed last
	 * (a deleted session stays deleted, by its tombstone); previews are written once, and only
	 * those of a session the merged collection holds are kept (the others say what a deleted
	 * session showed).
	 */
	async #customStudy(): Promise<void> {
		await this.#table('limitExtensions', newer);
		await this.#table('filteredDecks', newer);
		await this.#incoming('previews', keepMine, async (page) => {
			const ids = page.map((preview) => preview.filteredId as string);
			const sessions = await this.db.filteredDecks.bulkGet(ids);
			return sessions.map((session) => session !== undefined);
		});
	}

	#tombstones(table: TombstoneTable, ids: string[]): Promise<(TombstoneRecord | undefined)[]> {
		return this.db.tombstones.bulkGet(ids.map((id): [string, string] => [table, id]));
	}

	/** Deletes this device's records that a tombstone removes, then merges the backup's. */
	async #table(table: RecordTable, resolve: Resolve): Promise<void> {
		if (isTombstoneTable(table)) {
			await this.#eachTombstonePage(table, async (ids) => {
				const stored = (await this.db.table(table).bulkGet(ids)) as (Row | undefined)[];
				const tombstones = await this.#tombstones(table, ids);
				const dead = ids.filter((_, i) => stored[i] && deletedBy(table, stored[i], tombstones[i]));
				await this.#remove(table, dead);
			});
		}
		await this.#incoming(table, resolve);
	}

	async #remove(table: RecordTable, keys: IndexableType[]): Promise<void> {
		await this.writes.delete(table, keys);
		this.counts.removed[table] += keys.length;
	}

	/** The ids of every tombstone of `table` (this device's and the backup's), a page at a time. */
	async #eachTombstonePage(
		table: TombstoneTable,
		each: (ids: string[]) => Promise<void>
	): Promise<void> {
		let after: [string, string] = [table, ''];
		const upper: [string, IndexableType] = [table, Dexie.maxKey];
		for (;;) {
			const page = await this.db.tombstones
				.where('[table+id]')
				.between(after, upper, false, true)
				.limit(this.pageSize)
				.toArray();
			if (page.length === 0) {
				return;
			}
			await each(page.map((tombstone) => tombstone.id));
			after = [table, page[page.length - 1]!.id];
			this.check(0);
		}
	}

	/** The backup's records of `table`, page by page: new ones added, known ones resolved. */
	async #incoming(
		table: RecordTable,
		resolve: Resolve,
		alive: (page: Row[]) => Promise<boolean[]> = (page) => this.#notDeleted(table, page)
	): Promise<void> {
		await this.backup.eachPage(
			table,
			async (records) => {
				const page = records as Row[];
				const live = await alive(page);
				const theirs = page.filter((_, i) => live[i]);
				const store = this.db.table(table) as Table<Row, IndexableType>;
				const mine = await store.bulkGet(theirs.map((record) => keyOf(table, record)));
				const puts: object[] = [];
				for (const [i, record] of theirs.entries()) {
					const current = mine[i];
					if (current === undefined) {
						puts.push(record);
						this.counts.added[table] += 1;
						continue;
					}
					const merged = await resolve(current as never, record as never);
					if (merged !== current && canonicalJson(merged) !== canonicalJson(current)) {
						puts.push(merged);
						this.counts.updated[table] += 1;
					}
				}
				await this.writes.put(table, puts);
				this.#noteReviews(table, theirs, mine);
				this.check(page.length);
			},
			this.pageSize
		);
	}

	async #notDeleted(table: RecordTable, page: Row[]): Promise<boolean[]> {
		if (!isTombstoneTable(table)) {
			return page.map(() => true);
		}
		const tombstones = await this.#tombstones(
			table,
			page.map((record) => tombstoneId(table, record))
		);
		return page.map((record, i) => !deletedBy(table, record, tombstones[i]));
	}

	/** Remembers, per card, the backup's reviews and those it added (what a card merge needs). */
	#noteReviews(table: RecordTable, theirs: Row[], mine: (Row | undefined)[]): void {
		if (table !== 'reviews') {
			return;
		}
		const bump = (map: Map<string, number>, cardId: string) =>
			map.set(cardId, (map.get(cardId) ?? 0) + 1);
		theirs.forEach((review, i) => {
			const cardId = (review as unknown as ReviewRecord).cardId;
			bump(this.#theirReviews, cardId);
			if (mine[i] === undefined) {
				bump(this.#addedReviews, cardId);
			}
		});
	}

	/** Cards follow their notes, and are rebuilt from reviews their newer side never saw. */
	async #cards(): Promise<void> {
		await this.#eachTombstonePage('notes', async (noteIds) => {
			const notes = await this.db.notes.bulkGet(noteIds);
			const gone = noteIds.filter((_, i) => !notes[i]);
			await this.#remove('cards', await this.db.cards.where('noteId').anyOf(gone).primaryKeys());
		});
		await this.#eachTombstonePage('cards', async (ids) => {
			const cards = (await this.db.cards.bulkGet(ids)).filter((card) => card !== undefined);
			const live = await this.#cardsLive(cards);
			await this.#remove(
				'cards',
				cards.filter((_, i) => !live[i]).map((card) => card.id)
			);
		});
		const schedulerFor = schedulers(await this.db.decks.toArray(), await this.db.presets.toArray());
		await this.#incoming(
			'cards',
			(mine: CardRecord, theirs: CardRecord) => this.#mergeCard(mine, theirs, schedulerFor),
			(page) => this.#cardsLive(page as unknown as CardRecord[])
		);
	}

	async #cardsLive(cards: CardRecord[]): Promise<boolean[]> {
		const noteIds = cards.map((card) => card.noteId);
		const noteTombstones = await this.#tombstones('notes', noteIds);
		const notes = await this.db.notes.bulkGet(noteIds);
		const cardTombstones = await this.#tombstones(
			'cards',
			cards.map((card) => card.id)
		);
		return cards.map((card, i) =>
			cardLives(card, noteTombstones[i], notes[i] !== undefined, cardTombstones[i])
		);
	}

	async #mergeCard(
		mine: CardRecord,
		theirs: CardRecord,
		schedulerFor: ReturnType<typeof schedulers>
	): Promise<CardRecord> {
		const onlyTheirs = this.#addedReviews.get(mine.id) ?? 0;
		// Counting this device's reviews is only needed when the backup's card is the newer one.
		const onlyMine =
			newer(mine, theirs) === theirs
				? (await this.db.reviews.where('cardId').equals(mine.id).count()) -
					(this.#theirReviews.get(theirs.id) ?? 0)
				: 0;
		const history = { onlyMine, onlyTheirs };
		const card = cardWithoutReplay(mine, theirs, history);
		if (card) {
			return card;
		}
		const reviews = await this.db.reviews.where('cardId').equals(mine.id).toArray();
		return replayedCard(mine, theirs, reviews, schedulerFor(newer(mine, theirs).deckId));
	}
}

/** Merges `backup` into the collection through `writes` (one journaled write). */
export function mergePaged(
	writes: JournaledWrites,
	backup: BackupReader,
	check: PageCheck,
	pageSize = PAGE_SIZE
): Promise<MergeCounts> {
	return new PagedMerge(writes, backup, check, pageSize).run();
}
