/**
 * Bulk edits from the card browser: suspend, unsuspend, reset, move, flag or delete many cards,
 * a page at a time, each page snapshotted before it changes so the whole edit can be undone.
 * Paging keeps every transaction small however many cards are chosen (a "select all" over
 * 100,000 cards), and a failure part-way puts back the pages already done, so an edit either
 * happens in full or not at all.
 */
import { flagName } from '$lib/domain/flags';
import type { CardRecord } from '$lib/domain/model';
import {
	flagCards,
	moveCards,
	resetCards,
	suspendCards,
	touched,
	unsuspendCards,
	type Flag
} from './card-actions';
import { searchCardIds, type BrowseSearch } from './browse-query';
import type { EngramDB } from './db';
import { deleteNotes } from './notes';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from './snapshots';

export const BULK_ACTIONS = ['suspend', 'unsuspend', 'reset', 'delete', 'move', 'flag'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * What undoes one page: the cards as they were (suspend, flag, move change nothing else), or a
 * full snapshot with notes, siblings and review ids (delete and reset).
 */
export type PageUndo = { cards: CardRecord[] } | { snapshot: CardSnapshot };

/** A finished bulk edit: what to tell the user, and what undoes it, page by page. */
export interface BulkChange {
	message: string;
	/** In the order the pages were changed. */
	pages: PageUndo[];
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

export const BULK_PAGE = 500;

export interface BulkOptions {
	onProgress?: (done: number, total: number) => void;
	/** Cards per page; tests make it small to see several pages. */
	pageSize?: number;
}

/** Cards (and, for delete, notes) one page changed. */
interface PageCount {
	cards: number;
	notes: number;
}

export async function applyBulk(
	db: EngramDB,
	cardIds: readonly string[],
	action: BulkAction,
	value: string,
	now: Date,
	{ onProgress = () => {}, pageSize = BULK_PAGE }: BulkOptions = {}
): Promise<BulkChange> {
	const pages: PageUndo[] = [];
	const total: PageCount = { cards: 0, notes: 0 };
	try {
		for (let start = 0; start < cardIds.length; start += pageSize) {
			const page = cardIds.slice(start, start + pageSize);
			const undo = await undoFor(db, page, action);
			pages.push(undo);
			const count = await applyPage(db, page, undo, action, value, now);
			total.cards += count.cards;
			total.notes += count.notes;
			onProgress(Math.min(cardIds.length, start + pageSize), cardIds.length);
		}
	} catch (error) {
		await undoBulk(db, { message: '', pages }, now);
		throw error;
	}
	return { message: describe(action, value, total), pages };
}

/** Puts back every page of the change, the last changed first, so each card ends as it began. */
export async function undoBulk(db: EngramDB, change: BulkChange, now: Date): Promise<void> {
	for (const page of [...change.pages].reverse()) {
		if ('snapshot' in page) {
			await restoreSnapshot(db, page.snapshot, now);
		} else {
			// As they were, with a newer mtime: to a later sync, an undo is a change like any other.
			await db.cards.bulkPut(page.cards.map((card) => ({ ...card, mtime: touched(card, now) })));
		}
	}
}

async function undoFor(db: EngramDB, cardIds: string[], action: BulkAction): Promise<PageUndo> {
	if (action === 'delete' || action === 'reset') {
		return { snapshot: await snapshotCards(db, cardIds) };
	}
	const cards = await db.cards.bulkGet(cardIds);
	return { cards: cards.filter((card) => card !== undefined) };
}

async function applyPage(
	db: EngramDB,
	cardIds: string[],
	undo: PageUndo,
	action: BulkAction,
	value: string,
	now: Date
): Promise<PageCount> {
	const cards = (n: number): PageCount => ({ cards: n, notes: 0 });
	switch (action) {
		case 'suspend':
			return cards(await suspendCards(db, cardIds, now));
		case 'unsuspend':
			return cards(await unsuspendCards(db, cardIds, now));
		case 'reset':
			return cards(await resetCards(db, cardIds, now));
		case 'move':
			return cards(await moveCards(db, cardIds, value, now));
		case 'flag':
			return cards(await flagCards(db, cardIds, Number(value) as Flag, now));
		case 'delete': {
			const noteIds = 'snapshot' in undo ? undo.snapshot.notes.map((note) => note.id) : [];
			return { cards: await deleteNotes(db, noteIds, now), notes: noteIds.length };
		}
	}
}

function describe(action: BulkAction, value: string, count: PageCount): string {
	const cards = (n: number) => `${n.toLocaleString('en')} card${n === 1 ? '' : 's'}`;
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
				: `${cards(count.cards)} flagged ${flagName(flag).toLowerCase()}.`;
		}
		case 'delete':
			return `${count.notes.toLocaleString('en')} note${count.notes === 1 ? '' : 's'} (${cards(count.cards)}) deleted.`;
	}
}
