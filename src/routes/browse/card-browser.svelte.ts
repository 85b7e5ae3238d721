/**
 * The card browser's state: the search (text debounced, plus the filter menus), the matching ids
 * as the browse worker reports them, the rows of the window the list shows, the selection, and
 * the last bulk change, which the worker can undo. The list never holds every card: it asks for
 * rows by position and only those are read; "select all" is the search minus exceptions.
 */
import { untrack } from 'svelte';
import { errorMessage } from '$lib/domain/error-message';
import { allOf, type BrowseState, type Leaf } from '$lib/domain/search/ast';
import { parseSearch } from '$lib/domain/search/parse';
import {
	EMPTY_SELECTION,
	extendTo,
	isSelected,
	listedIds,
	selectAll,
	selectedCount,
	toggle,
	type Selection
} from '$lib/domain/browse-selection';
import { insertAt, type BrowseRow, type BrowseSort } from '$lib/domain/browse-sort';
import { studyDay } from '$lib/domain/study-day';
import { preferences } from '$lib/state/preferences.svelte';
import { announceAllChanged } from '$lib/storage/announce-changes';
import { loadRows, onBrowseChange } from '$lib/storage/browse';
import type { BrowseProgress } from '$lib/storage/browse-query';
import { forgetBulkChange, lastBulkChange, type BulkAction } from '$lib/storage/bulk-edit';
import { getDb } from '$lib/storage/db';
import type { BulkTarget, SearchRequest } from '$lib/workers/browse-protocol';
import { BrowseWorkerClient } from './browse-worker-client';

export type { BulkAction };

export interface UndoableChange {
	message: string;
	changeId: string;
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

function filterLeaves(filters: BrowseFilterValues): Leaf[] {
	const leaves: Leaf[] = [];
	if (filters.deck) {
		leaves.push({ kind: 'deck', pattern: filters.deck.replace(/[\\*_]/g, '\\$&') });
	}
	if (filters.tag) {
		leaves.push({ kind: 'tag', pattern: filters.tag.replace(/[\\*_]/g, '\\$&') });
	}
	if (filters.state) {
		leaves.push({ kind: 'is', state: filters.state });
	}
	if (filters.flag) {
		leaves.push({ kind: 'flag', flag: Number(filters.flag) });
	}
	return leaves;
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
	selection = $state.raw<Selection>(EMPTY_SELECTION);
	lastChange = $state.raw<UndoableChange | undefined>(undefined);
	busy = $state(false);
	/** An undo is running (it can be cancelled, unlike the putting back after a cancel). */
	undoing = $state(false);
	/** A bulk edit's progress: cards done of total; while undoing, pages put back of total. */
	progress = $state.raw<{ done: number; total: number; undoing: boolean } | undefined>(undefined);
	error = $state<string | undefined>(undefined);
	#query = $state('');
	#revision = $state(0);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#window = { first: 0, last: 0 };
	#windowRequest = 0;
	#stale = false;
	#client = new BrowseWorkerClient();
	/** The search the ids came from: what "select all" applies a bulk edit to. */
	#request: SearchRequest | undefined;

	constructor() {
		$effect(() => () => this.#client.close());
		$effect(() =>
			onBrowseChange(getDb(), () => {
				this.#stale = true;
				this.#revision++;
			})
		);
		// Another search puts cards at other positions, and "all" meant the old search's matches:
		// the range anchor goes, and so does a select-all; listed cards stay selected.
		$effect(() => {
			void [
				this.#query,
				this.filters.deck,
				this.filters.tag,
				this.filters.state,
				this.filters.flag
			];
			const set = untrack(() => this.selection.set);
			this.selection = { ...EMPTY_SELECTION, set: set.all ? EMPTY_SELECTION.set : set };
		});
		$effect(() => this.#search());
		// The last bulk edit's undo is stored: after a reload it is still offered.
		void lastBulkChange(getDb()).then((change) => {
			this.lastChange ??= change;
		});
	}

	/** The length of the list: the count when known, else what has been found so far. */
	get count(): number {
		return this.total ?? this.ids.length;
	}

	get selectedCount(): number {
		return selectedCount(this.selection.set, this.count);
	}

	/** Every match is selected (select all, no exceptions). */
	get allSelected(): boolean {
		return this.count > 0 && this.selectedCount === this.count;
	}

	setText(text: string): void {
		this.text = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			this.#query = text;
		}, TEXT_DEBOUNCE_MS);
	}

	/** Runs the search for the current query in the worker; the effect's cleanup cancels it. */
	#search(): (() => void) | undefined {
		const parsed = parseSearch(this.#query);
		const filters = filterLeaves(this.filters);
		const { sort, descending } = this;
		void this.#revision;
		const now = clock();
		const dayEnd = studyDay(now, preferences.dayStartHour).end;
		if (!parsed.ok) {
			this.searchError = parsed.error;
			return undefined;
		}
		this.searchError = undefined;
		this.searching = true;
		const request: SearchRequest = {
			node: allOf([parsed.node, ...filters]),
			sort,
			descending,
			dayEnd: dayEnd.getTime(),
			now: now.getTime()
		};
		return this.#client.search(
			request,
			(progress) => {
				this.#request = request;
				this.#publish(progress);
			},
			(message) => {
				this.error = message;
				this.searching = false;
			}
		);
	}

	#publish(progress: BrowseProgress): void {
		const { first, last } = this.#window;
		const shown = this.ids.slice(first, last);
		// A scan sends only its new matches and where they go: the list grows here, in O(n)
		// pointer copies, instead of arriving whole (100,000 strings to copy) each time.
		const ids = progress.at ? insertAt(this.ids, progress.ids, progress.at) : progress.ids;
		this.ids = ids;
		this.total = progress.total;
		this.searching = !progress.done;
		this.scanned = progress.scanned;
		// Rows are read again when the window shows other cards, or after a write changed them.
		const moved = ids.slice(first, last).some((id, i) => id !== shown[i]);
		if (moved || shown.length !== Math.min(last, ids.length) - first || this.#stale) {
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

	isSelected(index: number): boolean {
		const id = this.ids[index];
		return id !== undefined && isSelected(this.selection.set, id);
	}

	/** Toggles the card at `index` (Space, Ctrl/Cmd+click, the row's checkbox, a long press). */
	toggle(index: number): void {
		const id = this.ids[index];
		if (id !== undefined) {
			this.selection = toggle(this.selection, id, index);
		}
	}

	/** Selects from the anchor (or `from`) to `index`: Shift+click and Shift+arrows. */
	extendTo(index: number, from = index): void {
		this.selection = extendTo(this.selection, this.ids, index, from);
	}

	selectAll(): void {
		this.selection = selectAll();
	}

	clearSelection(): void {
		this.selection = EMPTY_SELECTION;
	}

	#target(): BulkTarget | undefined {
		const ids = listedIds(this.selection.set);
		if (ids) {
			return { ids };
		}
		return this.#request && { search: this.#request, except: [...this.selection.set.ids] };
	}

	/** Applies `action` to the selected cards, in the worker; the change can be undone. */
	async apply(action: BulkAction, value = ''): Promise<void> {
		const target = this.#target();
		if (!target || this.selectedCount === 0 || this.busy) {
			return;
		}
		await this.#run(async () => {
			const change = await this.#client.bulk(target, action, value, clock(), this.#onProgress);
			this.lastChange = change;
			if (action === 'delete') {
				this.selection = EMPTY_SELECTION;
			}
		});
	}

	async undo(): Promise<void> {
		const change = this.lastChange;
		if (!change) {
			return;
		}
		this.undoing = true;
		await this.#run(async () => {
			await this.#client.undo(change.changeId, clock(), this.#onProgress);
			this.lastChange = undefined;
		});
		// Cancelled part-way, the change stays offered: Undo again puts back the rest.
		this.undoing = false;
	}

	/** Stops the bulk edit under way (it puts back what it did), or the undo under way. */
	cancel(): void {
		this.#client.cancelBulk();
	}

	/** Hides the undo offer and lets the stored undo go. */
	async dismissChange(): Promise<void> {
		const change = this.lastChange;
		this.lastChange = undefined;
		if (change) {
			await forgetBulkChange(getDb(), change.changeId);
		}
	}

	#onProgress = (done: number, total: number, undoing: boolean): void => {
		this.progress = { done, total, undoing };
	};

	async #run(task: () => Promise<void>): Promise<void> {
		this.busy = true;
		this.error = undefined;
		try {
			await task();
		} catch (error) {
			this.error = errorMessage(error);
		} finally {
			this.busy = false;
			this.progress = undefined;
			// The worker writes without Dexie's per-key broadcast: tell this page (and the list).
			announceAllChanged(getDb());
		}
	}
}
