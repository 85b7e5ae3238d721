/** Opens the collection once per page load: default presets, note types and the bundled decks. */
import { loadBundledDecks } from '$lib/storage/bundled-decks';
import { getDb } from '$lib/storage/db';
import { ensureDefaults } from '$lib/storage/defaults';
import { describeWriteError } from '$lib/storage/errors';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { preferences } from './preferences.svelte';

class Collection {
	ready = $state(false);
	error = $state<string | undefined>(undefined);
	#opening: Promise<void> | undefined;

	open(): Promise<void> {
		this.#opening ??= this.#load();
		return this.#opening;
	}

	async #load(): Promise<void> {
		try {
			const db = getDb();
			// Before any read: a restore or import cut short is put back first.
			await rollBackInterruptedWrites(db);
			// Independent reads, in parallel: on most starts each finds its records already there.
			await Promise.all([ensureDefaults(db), loadBundledDecks(db, new Date()), preferences.load()]);
			this.ready = true;
		} catch (error) {
			this.error = describeWriteError(error);
			this.#opening = undefined;
		}
	}
}

export const collection = new Collection();
