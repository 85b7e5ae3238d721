/**
 * Bulk edits from the card browser: suspend, unsuspend, reset, move, flag or delete many cards,
 * a page at a time. Each page is read once, changed, and written in one transaction together
 * with what undoes it (the `bulkUndo` table), so:
 *
 * - every transaction stays small however many cards are chosen (a "select all" over 100,000);
 * - a failure or a cancel part-way puts back the pages already done: an edit happens in full or
 *   not at all;
 * - the undo survives a reload, and an undo cut short (by a failure, or cancelled) leaves the
 *   rest still undoable.
 *
 * Suspend, unsuspend, flag and move keep only the fields they change (the queue, the flag, the
 * deck) and undo puts back just those, so whatever else happened to a card since (an answer,
 * an edit) stays. Delete and reset keep full snapshots (notes, siblings, review ids).
 */
import { flagName, type CustomFlagNames, type FlagColour } from '$lib/domain/flags';
import { newId } from '$lib/domain/ids';
import { resetOptionsFromText, type ResetOptions } from '$lib/domain/reset-options';
import type { CardRecord } from '$lib/domain/model';
import { flagged, movedTo, suspended, touched, unsuspended, type CardChange } from './card-actions';
import { resetReadCards } from './card-reset';
import { searchCardIds, type BrowseSearch } from './browse-query';
import { readCardPage } from './card-pages';
import type { EngramDB } from './db';
import { getFlagNames } from './flag-names';
import { deleteNotes } from './notes';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from './snapshots';

export const BULK_ACTIONS = ['suspend', 'unsuspend', 'reset', 'delete', 'move', 'flag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** A card's fields as they were before an action changed them (absent: the card had none). */
export interface FieldsBefore {
	id: string;
	was: Partial<CardRecord>;
}

/**
 * What undoes one page: the changed fields as they were (suspend, unsuspend, flag, move), or a
 * full snapshot with notes, siblings and review ids (delete and reset).
 */
export type PageUndo =
	{ fields: (keyof CardRecord)[]; cards: FieldsBefore[] } | { snapshot: CardSnapshot };

/**
 * The `bulkUndo` table's rows, keyed by [changeId+page]: page -1 describes the change, pages
 * 0, 1, … undo it. Kept on this device only: never backed up, never synced.
 */
export type BulkUndoRecord =
	| { changeId: string; page: -1; message: string; at: number; finished: boolean }
	| { changeId: string; page: number; undo: PageUndo };

/** A finished bulk edit: what to tell the user, and the id that undoes it. */
export interface BulkChange {
	changeId: string;
	message: string;
}

/** The cards a bulk edit applies to: listed, or every match of a search but the exceptions
 * ("select all" never lists 100,000 ids on the page). */
export type BulkCards =
	{ ids: readonly string[] } | { search: BrowseSearch; except: readonly string[] };

export async function bulkCardIds(db: EngramDB, cards: BulkCards): Promise<readonly string[]> {
	if ('ids' in cards) {
		return cards.ids;
	}
	const except = new Set(cards.except);
	const ids = await searchCardIds(db, cards.search);
	return except.size === 0 ? ids : ids.filter((id) => !except.has(id));
}

/** Cards per page: one transaction each. Bigger pages mean fewer commits, but hold the cards
 * table longer against a study tab's answer. */
export const BULK_PAGE = 2000;

/** The user cancelled the edit; everything done was put back. */
export class BulkCancelled extends Error {
	override name = 'BulkCancelled';
}

export interface BulkOptions {
	/** Pages done of total; `undoing` when putting back (an undo, or a cancel or failure). */
	onProgress?: (done: number, total: number, undoing: boolean) => void;
	/** Cards per page; tests make it small to see several pages. */
	pageSize?: number;
	/** Checked between pages: when aborted, the pages done are put back. */
	signal?: AbortSignal;
}

/** Cards (and, for delete, notes) one page changed. */
interface PageCount {
	cards: number;
	notes: number;
}

/** How one page is changed: the card change for field actions, else delete or reset. */
type PageEdit =
	| { change: CardChange; fields: (keyof CardRecord)[] }
	| { whole: 'delete' }
	| { whole: 'reset'; options: ResetOptions };

/** The fields each field action changes, and so what its undo keeps. */
const CHANGED_FIELDS: Record<'suspend' | 'unsuspend' | 'flag' | 'move', (keyof CardRecord)[]> = {
	suspend: ['queue', 'buriedUntil'],
	unsuspend: ['queue'],
	flag: ['flag'],
	move: ['deckId']
};

async function pageEdit(db: EngramDB, action: BulkAction, value: string): Promise<PageEdit> {
	switch (action) {
		case 'delete':
			return { whole: action };
		case 'reset':
			// The value carries the reset's choices (resetOptionsText).
			return { whole: action, options: resetOptionsFromText(value) };
		case 'suspend':
			return { change: suspended, fields: CHANGED_FIELDS.suspend };
		case 'unsuspend':
			return { change: unsuspended, fields: CHANGED_FIELDS.unsuspend };
		case 'flag':
			return { change: flagged(Number(value)), fields: CHANGED_FIELDS.flag };
		case 'move':
			return { change: await movedTo(db, value), fields: CHANGED_FIELDS.move };
	}
}

export async function applyBulk(
	db: EngramDB,
	chosen: readonly string[],
	action: BulkAction,
	value: string,
	now: Date,
	{ onProgress = () => {}, pageSize = BULK_PAGE, signal }: BulkOptions = {}
): Promise<BulkChange> {
	const edit = await pageEdit(db, action, value);
	// In key order, each page is one key range: read with one request (card-pages.ts).
	const cardIds = [...chosen].sort();
	const changeId = newId();
	const at = now.getTime();
	const interrupted = `An interrupted ${action} of ${cardsText(cardIds.length)} can be undone.`;
	await db.bulkUndo.put({ changeId, page: -1, message: interrupted, at, finished: false });
	const total: PageCount = { cards: 0, notes: 0 };
	try {
		for (let start = 0, page = 0; start < cardIds.length; start += pageSize, page++) {
			if (signal?.aborted) {
				throw new BulkCancelled('Cancelled: no card was changed.');
			}
			const ids = cardIds.slice(start, start + pageSize);
			const count = await applyPage(db, { changeId, page }, ids, edit, now);
			total.cards += count.cards;
			total.notes += count.notes;
			onProgress(Math.min(cardIds.length, start + pageSize), cardIds.length, false);
		}
	} catch (error) {
		await undoBulk(db, changeId, now, { onProgress });
		throw error;
	}
	const names = action === 'flag' ? await getFlagNames(db) : {};
	const message = describe(action, value, total, names);
	await db.transaction('rw', db.bulkUndo, async () => {
		await forgetOtherChanges(db, changeId);
		await db.bulkUndo.put({ changeId, page: -1, message, at, finished: true });
	});
	return { changeId, message };
}

/** The tables a page of `edit` writes, besides bulkUndo. */
function pageTables(db: EngramDB, edit: PageEdit) {
	return 'change' in edit
		? [db.cards]
		: [db.cards, db.notes, db.reviews, db.tombstones, db.decks, db.presets];
}

async function applyPage(
	db: EngramDB,
	key: { changeId: string; page: number },
	cardIds: string[],
	edit: PageEdit,
	now: Date
): Promise<PageCount> {
	return db.transaction('rw', [...pageTables(db, edit), db.bulkUndo], async () => {
		if ('change' in edit) {
			const { changed, before } = changeCards(await readCardPage(db, cardIds), edit, now);
			await db.cards.bulkPut(changed);
			await db.bulkUndo.put({ ...key, undo: { fields: edit.fields, cards: before } });
			return { cards: changed.length, notes: 0 };
		}
		const snapshot = await snapshotCards(db, cardIds);
		await db.bulkUndo.put({ ...key, undo: { snapshot } });
		if (edit.whole === 'reset') {
			// The page's cards as the snapshot read them (in page order, before their siblings).
			const page = new Set(cardIds);
			const cards = snapshot.cards.filter((card) => page.has(card.id));
			return { cards: await resetReadCards(db, cards, now, edit.options), notes: 0 };
		}
		const noteIds = snapshot.notes.map((note) => note.id);
		return { cards: await deleteNotes(db, noteIds, now), notes: noteIds.length };
	});
}

function changeCards(
	cards: readonly CardRecord[],
	edit: { change: CardChange; fields: (keyof CardRecord)[] },
	now: Date
): { changed: CardRecord[]; before: FieldsBefore[] } {
	const changed: CardRecord[] = [];
	const before: FieldsBefore[] = [];
	for (const card of cards) {
		const next = edit.change(card);
		if (next) {
			changed.push({ ...next, mtime: touched(card, now) });
			before.push({ id: card.id, was: pick(card, edit.fields) });
		}
	}
	return { changed, before };
}

function pick(card: CardRecord, fields: readonly (keyof CardRecord)[]): Partial<CardRecord> {
	return Object.fromEntries(fields.filter((f) => f in card).map((f) => [f, card[f]]));
}

/** The card with `fields` put back as they were (a field it did not have, removed). */
function putBack(card: CardRecord, { was }: FieldsBefore, fields: readonly string[]): CardRecord {
	const rest = Object.fromEntries(Object.entries(card).filter(([f]) => !fields.includes(f)));
	return { ...(rest as unknown as CardRecord), ...was };
}

const changeRange = (changeId: string) =>
	[
		[changeId, -1],
		[changeId, Infinity]
	] as const;

/** Why an undo stopped when cancelled: what it put back stays so, the rest is still offered. */
export const UNDO_CANCELLED =
	'Undo stopped: the cards already put back stay so, and Undo puts back the rest.';

/**
 * Puts back every page of the change, the last changed first, each in one transaction with the
 * removal of its undo row, then forgets the change. Reports pages done. When `signal` aborts,
 * it stops between pages (BulkCancelled): the pages put back stay so, and the rest of the change
 * stays stored, so a later undo finishes it.
 */
export async function undoBulk(
	db: EngramDB,
	changeId: string,
	now: Date,
	{ onProgress = () => {}, signal }: Pick<BulkOptions, 'onProgress' | 'signal'> = {}
): Promise<void> {
	const [lower, upper] = changeRange(changeId);
	const keys = await db.bulkUndo
		.where('[changeId+page]')
		.between(lower, upper, true, true)
		.primaryKeys();
	if (!keys.some(([, page]) => page === -1)) {
		throw new Error('That change can no longer be undone.');
	}
	const pages = keys.filter(([, page]) => page >= 0).reverse();
	for (const [i, key] of pages.entries()) {
		if (signal?.aborted) {
			throw new BulkCancelled(UNDO_CANCELLED);
		}
		await undoPage(db, key, now);
		onProgress(i + 1, pages.length, true);
	}
	await db.bulkUndo.delete([changeId, -1]);
}

async function undoPage(db: EngramDB, key: [string, number], now: Date): Promise<void> {
	await db.transaction(
		'rw',
		[db.cards, db.notes, db.reviews, db.tombstones, db.bulkUndo],
		async () => {
			const record = await db.bulkUndo.get(key);
			if (record && 'undo' in record) {
				await restorePage(db, record.undo, now);
			}
			await db.bulkUndo.delete(key);
		}
	);
}

async function restorePage(db: EngramDB, undo: PageUndo, now: Date): Promise<void> {
	if ('snapshot' in undo) {
		return restoreSnapshot(db, undo.snapshot, now);
	}
	const cards = await readCardPage(
		db,
		undo.cards.map((card) => card.id)
	);
	const before = new Map(undo.cards.map((card) => [card.id, card]));
	// As they were, with a newer mtime: to a later sync, an undo is a change like any other.
	const restored = cards.map((card) => ({
		...putBack(card, before.get(card.id)!, undo.fields),
		mtime: touched(card, now)
	}));
	await db.cards.bulkPut(restored);
}

/** The change the user can still undo (the latest, or one a reload interrupted), if any. */
export async function lastBulkChange(db: EngramDB): Promise<BulkChange | undefined> {
	const keys = await db.bulkUndo.toCollection().primaryKeys();
	const heads = await db.bulkUndo.bulkGet(keys.filter(([, page]) => page === -1));
	const latest = heads
		.flatMap((head) => (head && 'message' in head ? [head] : []))
		.sort((a, b) => b.at - a.at)[0];
	return latest && { changeId: latest.changeId, message: latest.message };
}

/** Lets the change go: it can no longer be undone. */
export async function forgetBulkChange(db: EngramDB, changeId: string): Promise<void> {
	const [lower, upper] = changeRange(changeId);
	await db.bulkUndo.where('[changeId+page]').between(lower, upper, true, true).delete();
}

/** Only the latest change is offered for undo: the others' rows go. */
async function forgetOtherChanges(db: EngramDB, changeId: string): Promise<void> {
	const keys = await db.bulkUndo.toCollection().primaryKeys();
	await db.bulkUndo.bulkDelete(keys.filter(([id]) => id !== changeId));
}

/** A colour in lower case ("flagged red"); a name the user gave, as written and quoted. */
function flagText(flag: number, names: CustomFlagNames): string {
	const custom = names[flag as FlagColour];
	return custom ? `“${custom}”` : flagName(flag).toLowerCase();
}

const cardsText = (n: number) => `${n.toLocaleString('en')} card${n === 1 ? '' : 's'}`;

function describe(
	action: BulkAction,
	value: string,
	count: PageCount,
	names: CustomFlagNames
): string {
	const cards = cardsText;
	switch (action) {
		case 'suspend':
			return `${cards(count.cards)} suspended.`;
		case 'unsuspend':
			return `${cards(count.cards)} unsuspended.`;
		case 'reset':
			return `${cards(count.cards)} reset to new.`;
		case 'move':
			return `${cards(count.cards)} moved.`;
		case 'flag': {
			const flag = Number(value);
			return flag === 0
				? `Flag cleared on ${cards(count.cards)}.`
				: `${cards(count.cards)} flagged ${flagText(flag, names)}.`;
		}
		case 'delete':
			return `${count.notes.toLocaleString('en')} note${count.notes === 1 ? '' : 's'} (${cards(count.cards)}) deleted.`;
	}
}
