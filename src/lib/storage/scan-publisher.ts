/** How a scanning search tells the page what it found, a few new ids at a time. */
import { mergeAt, mergeSorted, type SortEntry } from '$lib/domain/browse-sort';
import type { BrowseProgress } from './browse-query';

/**
 * A scan's matches: those the page was sent (`shown`) and those found since (`pending`). Each
 * message carries only the pending ids and where they go in the shown list.
 */
export class ScanPublisher {
	shown: SortEntry[] = [];
	#pending: SortEntry[] = [];

	constructor(
		private readonly compare: (a: SortEntry, b: SortEntry) => number,
		private readonly onProgress: (progress: BrowseProgress) => void
	) {}

	/** Adds one step's matches, sorted. */
	add(matches: SortEntry[]): void {
		if (matches.length > 0) {
			this.#pending = mergeSorted(this.#pending, matches, this.compare);
		}
	}

	/** Sends the pending matches (perhaps none: the share scanned moved on); returns the list. */
	publish(done: boolean, scanned: number): SortEntry[] {
		const { merged, at } =
			this.#pending.length > 0
				? mergeAt(this.shown, this.#pending, this.compare)
				: { merged: this.shown, at: new Int32Array(0) };
		const ids = this.#pending.map((entry) => entry.id);
		// Until something was shown, the page still holds the previous search's list: replace it.
		const insert = this.shown.length > 0 ? { at } : {};
		this.shown = merged;
		this.#pending = [];
		this.onProgress({ ids, ...insert, total: done ? merged.length : undefined, done, scanned });
		return this.shown;
	}
}
