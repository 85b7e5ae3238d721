/**
 * Work for the browser's idle time. Its own module: the first screen's layout uses it, and
 * importing it from the snapshot planner would bring the planner's code into the first screen.
 */

/** The browser's idle time, after `afterMs`; a timer where requestIdleCallback is missing. */
export function whenIdle(work: () => void, afterMs = 0): void {
	setTimeout(() => {
		if (typeof requestIdleCallback === 'function') {
			requestIdleCallback(() => work(), { timeout: 10_000 });
		} else {
			setTimeout(work, 1_000);
		}
	}, afterMs);
}
