/**
 * Svelte 5 bridge for Dexie liveQuery: `const decks = new LiveQuery(() => listDecks(db))` gives a
 * reactive `.current` that updates whenever the data changes, in this tab or another.
 *
 * Dexie runs the query on a later tick, so reactive values read inside it are not tracked: pass
 * `deps` (a function that reads them) to run the query again when they change, e.g.
 * `new LiveQuery(() => search(db, query), () => ({ ...query }))`.
 */
import { observe } from '$lib/storage/observe';

export class LiveQuery<T> {
	current = $state<T | undefined>(undefined);
	error = $state<unknown>(undefined);
	loading = $state(true);

	constructor(query: () => Promise<T>, deps?: () => unknown) {
		$effect(() => {
			deps?.();
			this.loading = true;
			return observe(
				query,
				(value) => {
					this.current = value;
					this.error = undefined;
					this.loading = false;
				},
				(error: unknown) => {
					this.error = error;
					this.loading = false;
				}
			);
		});
	}
}
