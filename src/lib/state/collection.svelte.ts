/** Opens the collection once per page load: default presets, note types and the bundled decks. */
import { loadBundledDecks } from '$lib/storage/bundled-decks';
import { getDb } from '$lib/storage/db';
import { ensureDefaults } from '$lib/storage/defaults';
import { rollBackInterruptedWrites } from '$lib/storage/interrupted-writes';
import { followJournals } from '$lib/storage/journal-notice';
import type { JournalKind } from '$lib/storage/write-journal';
import { preferences } from './preferences.svelte';
import { timed } from './timing';

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

interface Settle {
	resolve: () => void;
	reject: (error: unknown) => void;
}

class Collection {
	ready = $state(false);
	error = $state<string | undefined>(undefined);
	/** A restore or import another tab is writing: this one waits (the layout says so). */
	busy = $state<JournalKind | undefined>(undefined);
	/** Counts those that ended: the screen is made again from the collection as they left it. */
	ended = $state(0);
	/**
	 * The same count, not reactive: a screen torn down because `ended` changed reads the value
	 * from before the change in `ended` itself (Svelte shows teardown the old values), and must
	 * tell that it is being made again (kept-state.svelte.ts).
	 */
	#endedNow = 0;
	/**
	 * Whether this page's open wrote records (defaults, a bundled deck: a first start): reads
	 * started before `ready` (see `readable`) may have missed them.
	 */
	wroteOnOpen = false;
	#opening: Promise<void> | undefined;
	#readable: Promise<void> | undefined;
	#following = false;

	open(): Promise<void> {
		if (!this.#opening) {
			let settle: Settle | undefined;
			this.#readable = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
			// Handled by whoever asks for it; an open that fails says so on screen.
			this.#readable.catch(() => undefined);
			this.#opening = this.#load(settle!);
		}
		return this.#opening;
	}

	/**
	 * Resolves once the collection may be read (a restore or import cut short is rolled back),
	 * before `ready`: a screen's first reads can start beside the rest of the open (defaults, the
	 * bundled decks, preferences) rather than after it. Rejects if the open fails.
	 */
	readable(): Promise<void> {
		void this.open();
		return this.#readable!;
	}

	async #load(readable: Settle): Promise<void> {
		try {
			await timed('collection-open', async () => {
				const db = getDb();
				if (!this.#following) {
					// Before the journal is read: a journal begun after that read is heard of.
					followJournals(db, (kind) => void this.#waitFor(kind));
					this.#following = true;
				}
				await timed('db-open', () => db.open());
				// Before any read: a restore or import cut short is put back first, one under way
				// waited for.
				await rollBackInterruptedWrites(db, (kind) => (this.busy = kind));
				this.busy = undefined;
				readable.resolve();
				// Independent reads, in parallel: on most starts each finds its records already there.
				const [defaults, bundled] = await Promise.all([
					ensureDefaults(db),
					loadBundledDecks(db, new Date()),
					preferences.load()
				]);
				this.wroteOnOpen ||= defaults || bundled;
			});
			this.ready = true;
		} catch (error) {
			readable.reject(error);
			this.error = await describeOpenError(error);
			this.#opening = undefined;
		}
	}

	/** Waits for another tab's journal to end (or rolls it back if its writer is gone). */
	async #waitFor(kind: JournalKind): Promise<void> {
		this.busy = kind;
		await rollBackInterruptedWrites(getDb()).catch(console.error);
		this.busy = undefined;
		this.#endedNow += 1;
		this.ended = this.#endedNow;
	}

	/** `ended` as it is now, also while a screen is torn down. */
	get endedNow(): number {
		return this.#endedNow;
	}
}

export const collection = new Collection();
