/** Opens the collection once per page load: default presets, note types and the bundled decks. */
import { loadBundledDecks } from '$lib/storage/bundled-decks';
import { getDb } from '$lib/storage/db';
import { ensureDefaults } from '$lib/storage/defaults';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { followJournals } from '$lib/storage/journal-notice';
import type { JournalKind } from '$lib/storage/write-journal';
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
	/** A restore or import another tab is writing: this one waits (the layout says so). */
	busy = $state<JournalKind | undefined>(undefined);
	/** Counts those that ended: the screen is made again from the collection as they left it. */
	ended = $state(0);
	#opening: Promise<void> | undefined;
	#following = false;

	open(): Promise<void> {
		this.#opening ??= this.#load();
		return this.#opening;
	}

	async #load(): Promise<void> {
		try {
			const db = getDb();
			if (!this.#following) {
				// Before the journal is read: a journal begun after that read is heard of.
				followJournals(db, (kind) => void this.#waitFor(kind));
				this.#following = true;
			}
			// Before any read: a restore or import cut short is put back first, one under way
			// waited for.
			await rollBackInterruptedWrites(db, (kind) => (this.busy = kind));
			this.busy = undefined;
			// Independent reads, in parallel: on most starts each finds its records already there.
			await Promise.all([ensureDefaults(db), loadBundledDecks(db, new Date()), preferences.load()]);
			this.ready = true;
		} catch (error) {
			this.error = await describeOpenError(error);
			this.#opening = undefined;
		}
	}

	/** Waits for another tab's journal to end (or rolls it back if its writer is gone). */
	async #waitFor(kind: JournalKind): Promise<void> {
		this.busy = kind;
		await rollBackInterruptedWrites(getDb()).catch(console.error);
		this.busy = undefined;
		this.ended += 1;
	}
}

export const collection = new Collection();
