/** Opens the collection once per page load: default presets, note types and the bundled decks. */
import { loadBundledDecks } from '$lib/storage/bundled-decks';
import { getDb } from '$lib/storage/db';
import { ensureDefaults } from '$lib/storage/defaults';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { preferences } from './preferences.svelte';

/**
 * What went wrong, in words. The wording's code loads only when opening fails, not on every
 * start; should even that fail, a plain sentence says what to do.
 */
async function describeOpenError(error: unknown): Promise<string> {
	try {
		const { describeWriteError } = await import('$lib/storage/errors');
		return describeWriteError(error);
	} catch {
		return 'Engram could not open your collection. Close other Engram tabs and try again.';
	}
}

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
			this.error = await describeOpenError(error);
			this.#opening = undefined;
		}
	}
}

export const collection = new Collection();
