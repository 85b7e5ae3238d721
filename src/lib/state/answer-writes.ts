/**
 * A study session's answer writes, kept off the path that shows the next card: the session shows
 * the next card and plans the one after as if each answer were stored, and the writes follow
 * here, one at a time in the order given. None is lost: when the page starts to be hidden or
 * closed, every queued write starts at once; a write that fails cancels the ones queued after it
 * (they were given on a screen that took it as stored), and nothing more is written until the
 * session has put those cards back (`resume`).
 */
import type { ReviewRecord } from '$lib/domain/model';
import { writeAnswer, type AnswerRecords, type AnswerWrite } from '$lib/storage/answers';
import { classifyWriteError } from '$lib/storage/errors';
import type { EngramDB } from '$lib/storage/db';
import type { TableChange } from '$lib/storage/observe';
import { onLeave } from './after-paint';
import { timed } from './timing';

export interface QueuedAnswer<C> {
	records: AnswerRecords;
	/** Resolves when the write may start (the page leaving starts it before). */
	gate: Promise<unknown>;
	/** Called as the write starts: what reads storage after that sees it. */
	onStart?: () => void;
	/** The caller's own: what it needs to put the card back. */
	context: C;
}

export interface WriteEvents<C> {
	stored(answer: QueuedAnswer<C>, review: ReviewRecord): void;
	/** The card had changed (answered in another tab): nothing written, the queue goes on. */
	stale(answer: QueuedAnswer<C>, error: unknown): void;
	/** The write failed: it and the writes queued after it are dropped until `resume`. */
	failed(answer: QueuedAnswer<C>, error: unknown): void;
}

interface Entry<C> {
	answer: QueuedAnswer<C>;
	write?: AnswerWrite;
	/** Resolves true once stored, false when not (failed, cancelled or stale). */
	landed: (stored: boolean) => void;
}

export class AnswerWrites<C> {
	#entries: Entry<C>[] = [];
	#pumping: Promise<void> | undefined;
	/** Answers dropped since a write failed (that one included); undefined when none failed. */
	#dropped: number | undefined;
	#flushed: () => void = () => {};
	#flush = this.#newFlush();
	#stopLeave: (() => void) | undefined;

	constructor(
		private readonly db: EngramDB,
		private readonly events: WriteEvents<C>
	) {}

	/** Whether a write failed and the session has not put its card back yet. */
	get halted(): boolean {
		return this.#dropped !== undefined;
	}

	/** The ids of the cards queued writes will change (answered cards and buried siblings). */
	pendingCards(): Set<string> {
		return new Set(this.#entries.flatMap((entry) => entry.answer.records.cards.map((c) => c.id)));
	}

	/**
	 * Queues `answer`'s write after the others (dropped at once while halted); resolves true once
	 * it is stored, false when it is not (after the failure or staleness was reported).
	 */
	add(answer: QueuedAnswer<C>): Promise<boolean> {
		if (this.#dropped !== undefined) {
			this.#dropped += 1;
			return Promise.resolve(false);
		}
		let landed: (stored: boolean) => void = () => {};
		const result = new Promise<boolean>((resolve) => (landed = resolve));
		this.#entries.push({ answer, landed });
		if (!this.#pumping) {
			this.#stopLeave = onLeave((unloading) => this.flushNow(unloading));
			this.#pumping = this.#pump();
		}
		return result;
	}

	/** Resolves once every queued write is done; false when one failed (see `resume`). */
	async drained(): Promise<boolean> {
		while (this.#pumping) {
			await this.#pumping;
		}
		return !this.halted;
	}

	/** After a failure, once the session put the cards back: how many answers were dropped. */
	resume(): number {
		const dropped = this.#dropped ?? 0;
		this.#dropped = undefined;
		return dropped;
	}

	/**
	 * The page is being hidden or closed: every queued write not started yet starts now, in
	 * order (IndexedDB keeps their order), each committed in this task. When it is closing
	 * (`unloading`), the reads still open are aborted first: a write runs only after the
	 * transactions asked for before it, and a read that needs more round trips never finishes
	 * once the page stops, so the write behind it would go, uncommitted, with the page's
	 * connection. A write already sent has its commit asked for: it needs nothing more.
	 */
	flushNow(unloading = false): void {
		if (unloading && this.#entries.length > 0) {
			this.db.abortReads();
		}
		for (const entry of this.#entries) {
			if (!entry.write) {
				this.#start(entry);
			}
		}
		this.#flushed();
		this.#flush = this.#newFlush(); // For writes added after it (the page came back).
	}

	/** Whether `change` is the commit of one of these writes (the session already shows it). */
	madeChange(change: TableChange): boolean {
		return this.#entries.some((entry) => entry.write?.madeChange(change));
	}

	#newFlush(): Promise<boolean> {
		return new Promise((resolve) => (this.#flushed = () => resolve(true)));
	}

	#start(entry: Entry<C>): void {
		entry.answer.onStart?.();
		entry.write = writeAnswer(this.db, entry.answer.records);
	}

	/** Writes the entries in order; stops (synchronously, so no entry added is missed) when none is left. */
	async #pump(): Promise<void> {
		for (;;) {
			const entry = this.#entries[0];
			if (!entry) {
				this.#pumping = undefined;
				this.#stopLeave?.();
				this.#stopLeave = undefined;
				return;
			}
			if (!entry.write) {
				await Promise.race([entry.answer.gate, this.#flush]);
				if (!entry.write) {
					this.#start(entry);
				}
			}
			const write = entry.write!;
			try {
				const review = await timed('answer', () => write.done);
				this.#entries.shift();
				this.events.stored(entry.answer, review);
				entry.landed(true);
			} catch (error) {
				this.#entries.shift();
				this.#failed(entry, error);
				entry.landed(false);
			}
		}
	}

	#failed(entry: Entry<C>, error: unknown): void {
		if (classifyWriteError(error) === 'stale') {
			this.events.stale(entry.answer, error);
			return;
		}
		// Written on a screen that took this one as stored: not written either. Writes the page's
		// leaving already started are kept (they may have landed).
		const cancelled = this.#entries.filter((other) => !other.write);
		this.#entries = this.#entries.filter((other) => other.write);
		cancelled.forEach((other) => other.landed(false));
		const first = this.#dropped === undefined;
		this.#dropped = (this.#dropped ?? 0) + 1 + cancelled.length;
		if (first) {
			this.events.failed(entry.answer, error);
		}
	}
}
