/**
 * A screen's form state that outlives the layout making the screen again when another tab's
 * restore or import ends (carried-state.ts): call from a component's script, as it is made.
 */
import { onDestroy } from 'svelte';
import { keepOverRemake, leaveKept } from './carried-state';
import { collection } from './collection.svelte';

/** The state kept under `key` by the screen this one remakes, or `make()`'s. */
export function keptState<T>(key: string, make: () => T): T {
	const madeAt = collection.endedNow;
	const value = keepOverRemake(key, madeAt, make);
	onDestroy(() => leaveKept(key, madeAt, collection.endedNow));
	return value;
}

/** One value for `keptState` to keep: `keptState(key, () => new Held(start))`. */
export class Held<T> {
	current: T;

	constructor(start: T) {
		this.current = $state(start);
	}
}
