/**
 * The card browser's state: the search (text debounced, plus the filter menus), the matching ids
 * as the search reports them, the rows of the window the list shows, the selection, and the last
 * bulk change, kept as a snapshot so it can be undone. The list never holds every card: it asks
 * for rows by position and only those are read.
 */
import { SvelteSet } from 'svelte/reactivity';
import { parseSearch, type BrowseState, type Clause } from '$lib/domain/browse-search';
import type { BrowseRow, BrowseSort } from '$lib/domain/browse-sort';
import { flagName } from '$lib/domain/flags';
import { studyDay } from '$lib/domain/study-day';
import { preferences } from '$lib/state/preferences.svelte';
import { loadRows, onBrowseChange } from '$lib/storage/browse';
import { searchCardIds, SearchCancelled, type BrowseProgress } from '$lib/storage/browse-query';
import { restoreSnapshot, snapshotCards, type CardSnapshot } from '$lib/storage/snapshots';
import { getDb } from '$lib/storage/db';
import {
	flagCards,
	moveCards,
	resetCards,
	suspendCards,
	unsuspendCards,
	type Flag
} from '$lib/storage/card-actions';
import { deleteNotes } from '$lib/storage/notes';

export type BulkAction = 'suspend' | 'unsuspend' | 'reset' | 'delete' | 'move' | 'flag';

export interface UndoableChange {
	message: string;
	snapshot: CardSnapshot;
}

/** The filter menus beside the search box; '' means "any". */
export interface BrowseFilterValues {
	/** A deck's full name: the deck and its subdecks. */
	deck: string;
	tag: string;
	state: BrowseState | '';
	flag: string;
}

const TEXT_DEBOUNCE_MS = 200;

// A clock reading, never mutated: no reactivity needed.
const clock = (): Date => new Date();

function filterClauses(filters: BrowseFilterValues): Clause[] {
	const clauses: Clause[] = [];
	if (filters.deck) {
		clauses.push({ kind: 'deck', pattern: filters.deck, negate: false });
	}
	if (filters.tag) {
		clauses.push({ kind: 'tag', pattern: filters.tag, negate: false });
	}
	if (filters.state) {
		clauses.push({ kind: 'is', state: filters.state, negate: false });
	}
	if (filters.flag) {
		clauses.push({ kind: 'flag', flag: Number(filters.flag), negate: false });
	}
	return clauses;
}

export class CardBrowser {
	/** What the text box shows; searched after a pause in typing. */
	text = $state('');
	filters = $state<BrowseFilterValues>({ deck: '', tag: '', state: '', flag: '' });
	sort = $state<BrowseSort>('due');
	descending = $state(false);
	/** Matching card ids in order, as far as the search has got. */
	ids = $state.raw<readonly string[]>([]);
	/** How many cards match, once known. */
	total = $state<number | undefined>(undefined);
	searching = $state(true);
	/** Share of the collection a scanning search has read, 0..1. */
	scanned = $state(0);
	/** Why the search text cannot be understood; the results stay as they were. */
	searchError = $state<string | undefined>(undefined);
	/** The rows of the window the list shows, by card id. */
	rows = $state.raw<Readonly<Record<string, BrowseRow>>>({});
	selection = new SvelteSet<string>();
	// Raw: the snapshot goes back to IndexedDB, which cannot store Svelte proxies.
	lastChange = $state.raw<UndoableChange | undefined>(undefined);
	busy = $state(false);
	error = $state<string | undefined>(undefined);
	#query = $state('');
	#revision = $state(0);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#window = { first: 0, last: 0 };
	#windowRequest = 0;
	#stale = false;

	constructor() {
		$effect(() =>
			onBrowseChange(getDb(), () => {
				this.#stale = true;
				this.#revision++;
			})
		);
		$effect(() => this.#search());
	}

	/** The length of the list: the count when known, else what has been found so far. */
	get count(): number {
		return this.total ?? this.ids.length;
	}

	setText(text: string): void {
		this.text = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#query = text;
		}, TEXT_DEBOUNCE_MS);
	}

	/** Runs the search for the current query; the effect's cleanup cancels it. */
	#search(): (() => void) | undefined {
		const parsed = parseSearch(this.#query);
		const clauses = [...filterClauses(this.filters)];
		const { sort, descending } = this;
		void this.#revision;
		const dayEnd = studyDay(clock(), preferences.dayStartHour).end;
		if (!parsed.ok) {
			this.searchError = parsed.error;
			return undefined;
		}
		this.searchError = undefined;
		this.searching = true;
		const controller = new AbortController();
		searchCardIds(
			getDb(),
			{ clauses: [...parsed.clauses, ...clauses], sort, descending, dayEnd },
			(progress) => this.#publish(progress),
			controller.signal
		).catch((error: unknown) => {
			if (!(error instanceof SearchCancelled)) {
				this.error = error instanceof Error ? error.message : String(error);
				this.searching = false;
			}
		});
		return () => controller.abort();
	}

	#publish(progress: BrowseProgress): void {
		const { first, last } = this.#window;
		const shown = this.ids.slice(first, last);
		this.ids = progress.ids;
		this.total = progress.total;
		this.searching = !progress.done;
		this.scanned = progress.scanned;
		// Rows are read again when the window shows other cards, or after a write changed them.
		const moved = progress.ids.slice(first, last).some((id, i) => id !== shown[i]);
		if (moved || shown.length !== Math.min(last, progress.ids.length) - first || this.#stale) {
			this.#stale = false;
			void this.#loadWindow();
		}
	}

	/** The list shows positions `first` to `last` (exclusive): read those rows. */
	show(first: number, last: number): void {
		if (first !== this.#window.first || last !== this.#window.last) {
			this.#window = { first, last };
			void this.#loadWindow();
		}
	}

	async #loadWindow(): Promise<void> {
		const request = ++this.#windowRequest;
		const ids = this.ids.slice(this.#window.first, this.#window.last);
		const rows = await loadRows(getDb(), ids);
		if (request === this.#windowRequest) {
			this.rows = Object.fromEntries(rows.map((row) => [row.cardId, row]));
		}
	}

	toggle(cardId: string): void {
		if (this.selection.has(cardId)) {
			this.selection.delete(cardId);
		} else {
			this.selection.add(cardId);
		}
	}

	selectAll(): void {
		for (const id of this.ids) {
			this.selection.add(id);
		}
	}

	clearSelection(): void {
		this.selection.clear();
	}

	/** Applies `action` to the selected cards; everything it changes can be undone. */
	async apply(action: BulkAction, value = ''): Promise<void> {
		const cardIds = [...this.selection];
		if (cardIds.length === 0 || this.busy) {
			return;
		}
		await this.#run(async () => {
			const now = clock();
			const snapshot = await snapshotCards(getDb(), cardIds);
			const message = await perform(action, cardIds, snapshot, value, now);
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
	value: string,
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
			return `${cards(await moveCards(db, cardIds, value, now))} moved.`;
		case 'flag': {
			const flag = Number(value) as Flag;
			const changed = cards(await flagCards(db, cardIds, flag, now));
			return flag === 0
				? `Flag cleared on ${changed}.`
				: `${changed} flagged ${flagName(flag).toLowerCase()}.`;
		}
		case 'delete': {
			const noteIds = snapshot.notes.map((note) => note.id);
			const deleted = await deleteNotes(db, noteIds, now);
			return `${noteIds.length} note${noteIds.length === 1 ? '' : 's'} (${cards(deleted)}) deleted.`;
		}
	}
}
