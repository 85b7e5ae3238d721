/**
 * The card browser's state: the query (text debounced), the live results, the selection, and the
 * last bulk change, kept as a snapshot so it can be undone.
 */
import { SvelteSet } from 'svelte/reactivity';
import {
	EMPTY_QUERY,
	searchRows,
	type BrowseQuery,
	type BrowseRow
} from '$lib/domain/browse-search';
import { studyDay } from '$lib/domain/study-day';
import { LiveQuery } from '$lib/state/live-query.svelte';
import { preferences } from '$lib/state/preferences.svelte';
import { loadBrowseIndex } from '$lib/storage/browse';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';
import { getDb } from '$lib/storage/db';
import { moveCards, resetCards, suspendCards, unsuspendCards } from '$lib/storage/card-actions';
import { deleteNotes } from '$lib/storage/notes';

export type BulkAction = 'suspend' | 'unsuspend' | 'reset' | 'delete' | 'move';

export interface UndoableChange {
	message: string;
	snapshot: CardSnapshot;
}

const TEXT_DEBOUNCE_MS = 200;

// A clock reading, never mutated: no reactivity needed.
const clock = (): Date => new Date();

export class CardBrowser {
	query = $state<BrowseQuery>({ ...EMPTY_QUERY });
	/** What the text box shows; copied into `query.text` after a pause in typing. */
	text = $state('');
	selection = new SvelteSet<string>();
	// Raw: the snapshot goes back to IndexedDB, which cannot store Svelte proxies.
	lastChange = $state.raw<UndoableChange | undefined>(undefined);
	busy = $state(false);
	error = $state<string | undefined>(undefined);
	/** Every card, read once and again whenever the collection changes. */
	readonly index = new LiveQuery(() => loadBrowseIndex(getDb()));
	/** The cards matching the query, in order: filtered in memory, so typing stays fast. */
	readonly rows: BrowseRow[] = $derived(
		searchRows(
			this.index.current ?? [],
			this.query,
			studyDay(clock(), preferences.dayStartHour).end
		)
	);
	#timer: ReturnType<typeof setTimeout> | undefined;

	setText(text: string): void {
		this.text = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.query.text = text;
		}, TEXT_DEBOUNCE_MS);
	}

	toggle(cardId: string): void {
		if (this.selection.has(cardId)) {
			this.selection.delete(cardId);
		} else {
			this.selection.add(cardId);
		}
	}

	selectAll(): void {
		for (const row of this.rows) {
			this.selection.add(row.cardId);
		}
	}

	clearSelection(): void {
		this.selection.clear();
	}

	/** Applies `action` to the selected cards; everything it changes can be undone. */
	async apply(action: BulkAction, deckId = ''): Promise<void> {
		const db = getDb();
		const cardIds = [...this.selection];
		if (cardIds.length === 0 || this.busy) {
			return;
		}
		await this.#run(async () => {
			const now = clock();
			const snapshot = await snapshotCards(db, cardIds);
			const message = await perform(action, cardIds, snapshot, deckId, now);
			this.lastChange = { message, snapshot };
			if (action === 'delete') {
				this.selection.clear();
			}
		});
	}

	async undo(): Promise<void> {
		const change = this.lastChange;
		if (!change) {
			return;
		}
		await this.#run(async () => {
			await restoreSnapshot(getDb(), change.snapshot, clock());
			this.lastChange = undefined;
		});
	}

	async #run(task: () => Promise<void>): Promise<void> {
		this.busy = true;
		this.error = undefined;
		try {
			await task();
		} catch (error) {
			this.error = error instanceof Error ? error.message : String(error);
		} finally {
			this.busy = false;
		}
	}
}

async function perform(
	action: BulkAction,
	cardIds: string[],
	snapshot: CardSnapshot,
	deckId: string,
	now: Date
): Promise<string> {
	const db = getDb();
	const cards = (n: number) => `${n} card${n === 1 ? '' : 's'}`;
	switch (action) {
		case 'suspend':
			return `${cards(await suspendCards(db, cardIds, now))} suspended.`;
		case 'unsuspend':
			return `${cards(await unsuspendCards(db, cardIds, now))} unsuspended.`;
		case 'reset':
			return `${cards(await resetCards(db, cardIds, now))} reset to new.`;
		case 'move':
			return `${cards(await moveCards(db, cardIds, deckId, now))} moved.`;
		case 'delete': {
			const noteIds = snapshot.notes.map((note) => note.id);
			const deleted = await deleteNotes(db, noteIds);
			return `${noteIds.length} note${noteIds.length === 1 ? '' : 's'} (${cards(deleted)}) deleted.`;
		}
	}
}
