/**
 * Wakes a finished study screen when the card it waits for comes due: a learning card whose step
 * falls later today is shown by itself, with no touch, while the screen is open. Used by the
 * daily session (study-session.svelte.ts) and a custom study session
 * (custom-study-session.svelte.ts); each says when and what waking does.
 */

/** Runs `run` after `ms`; returns a cancel. */
export type Schedule = (run: () => void, ms: number) => () => void;

export const timeout: Schedule = (run, ms) => {
	const timer = setTimeout(run, ms);
	return () => clearTimeout(timer);
};

/** A wake further off than this wakes then to check again (timers cannot wait for days). */
const MAX_WAIT_MS = 60 * 60_000;

export class DueWake {
	/** Cancels the wake set, if one is set. */
	#cancel: (() => void) | undefined;
	/** Only a screen on view wakes: set by `watch`, until its stop. */
	#watching = false;

	constructor(
		private readonly clock: () => Date,
		private readonly schedule: Schedule,
		/** What waking does (the session reads its queue again, if it is still finished). */
		private readonly wake: () => void
	) {}

	/** Lets `set` wake the screen; returns a stop, which also cancels the wake set. */
	watch(): () => void {
		this.#watching = true;
		return () => {
			this.#watching = false;
			this.set(undefined);
		};
	}

	/** Wakes at `at` (ms since epoch), replacing the wake set before; undefined sets none. */
	set(at: number | undefined): void {
		this.#cancel?.();
		this.#cancel = undefined;
		if (at === undefined || !this.#watching) {
			return;
		}
		const wait = at - this.clock().getTime();
		this.#cancel = this.schedule(
			() => {
				this.#cancel = undefined;
				this.wake();
			},
			Math.min(Math.max(0, wait), MAX_WAIT_MS)
		);
	}
}
