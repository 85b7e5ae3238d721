/** Messages between the card browser and the browse worker. */
import type { BrowseSort } from '$lib/domain/browse-sort';
import type { SearchNode } from '$lib/domain/search/ast';
import type { BulkAction } from '$lib/storage/bulk-edit';

/** A search as it crosses to the worker: the tree, the order, the day end and now as numbers. */
export interface SearchRequest {
	node: SearchNode;
	sort: BrowseSort;
	descending: boolean;
	dayEnd: number;
	now: number;
}

/** The cards a bulk edit applies to: listed, or every match of a search but the exceptions. */
export type BulkTarget = { ids: string[] } | { search: SearchRequest; except: string[] };

export type BrowseRequest =
	| { type: 'search'; id: number; search: SearchRequest }
	/** Stops a search, a bulk edit (which then puts back what it did) or an undo (between pages). */
	| { type: 'cancel'; id: number }
	| { type: 'bulk'; id: number; target: BulkTarget; action: BulkAction; value: string; now: number }
	| { type: 'undo'; id: number; changeId: string; now: number };

export type BrowseResponse =
	| {
			type: 'progress';
			id: number;
			/** The whole list without `at`; with it, only new ids to insert (see BrowseProgress). */
			ids: readonly string[];
			at?: Int32Array;
			total: number | undefined;
			done: boolean;
			scanned: number;
	  }
	/** Cards done of total; while `undoing` (an undo, or a cancel putting back), pages. */
	| { type: 'bulk-progress'; id: number; done: number; total: number; undoing: boolean }
	| { type: 'bulk-done'; id: number; message: string; changeId: string }
	| { type: 'undone'; id: number }
	| { type: 'error'; id: number; message: string };
