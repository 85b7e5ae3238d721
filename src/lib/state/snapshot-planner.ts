/**
 * When the daily snapshot is taken. It used to be taken only when the page was hidden, so a user
 * who never switches away (or whose page is killed) went without one. Now also:
 * - on app start, once the app has been open a while (`START_DELAY_MS`) and the page is idle;
 * - after `ANSWERS_BETWEEN` review writes;
 * each only if one is due (the newest is older than a day: the snapshot itself checks).
 *
 * Never while a study session is on screen: the snapshot reads every table in one transaction,
 * and IndexedDB makes a later write wait for an earlier read over the same tables, so at 100,000
 * cards each answer's write would wait many seconds behind it. A request made while studying is
 * kept and taken when the study screen closes (or the page is hidden). Time comes from `now()`,
 * so tests drive it with a fixed clock.
 */

/** Review writes after which a snapshot is taken if due. */
export const ANSWERS_BETWEEN = 100;
/** How long after start the first check waits: a quick visit is never slowed by a copy. */
export const START_DELAY_MS = 60_000;

export interface SnapshotHooks {
	/** Takes the daily snapshot if one is due (in the backup worker). */
	takeIfDue(now: Date): Promise<void> | void;
	/** Runs `work` once the page is idle (after paint), at the earliest `afterMs` from now. */
	whenIdle(work: () => void, afterMs?: number): void;
	/** Whether a study session is on screen. */
	studying(): boolean;
	now(): Date;
}

export class SnapshotPlanner {
	#answers = 0;
	#scheduled = false;
	/** A request that came while studying, taken when the session ends. */
	#held = false;
	readonly #hooks: SnapshotHooks;

	constructor(hooks: SnapshotHooks) {
		this.#hooks = hooks;
	}

	/** The app has started: check once it has been open a while. */
	started(): void {
		this.#request(START_DELAY_MS);
	}

	/** A review was written (in this tab or another). */
	answered(): void {
		this.#answers += 1;
		if (this.#answers >= ANSWERS_BETWEEN) {
			this.#answers = 0;
			this.#request(0);
		}
	}

	/** The study screen closed: a request held back by it goes ahead. */
	studyEnded(): void {
		if (this.#held) {
			this.#held = false;
			this.#request(0);
		}
	}

	/** The page is hidden: nothing is waiting for it, so at once. */
	hidden(): void {
		this.#held = false;
		void this.#hooks.takeIfDue(this.#hooks.now());
	}

	#request(afterMs: number): void {
		if (this.#scheduled) {
			return;
		}
		this.#scheduled = true;
		this.#hooks.whenIdle(() => {
			this.#scheduled = false;
			if (this.#hooks.studying()) {
				this.#held = true;
			} else {
				void this.#hooks.takeIfDue(this.#hooks.now());
			}
		}, afterMs);
	}
}

/** The real clock, for the app (tests pass a fixed one). */
export const systemClock = (): Date => new Date();
