/**
 * Svelte 5 bridge for Dexie liveQuery: `const decks = new LiveQuery(() => listDecks(db))` gives a
 * reactive `.current` that updates whenever the data changes, in this tab or another.
 */
import { observe } from '$lib/storage/observe';

export class LiveQuery<T> {
	current = $state<T | undefined>(undefined);
	error = $state<unknown>(undefined);
	loading = $state(true);

	constructor(query: () => Promise<T>) {
		$effect(() =>
			observe(
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
			)
		);
	}
}
