/**
 * Waiting for the frame that shows the DOM as it is now: work started after it (an answer's
 * write) cannot hold that frame back. The wait ends at once when the page is hidden or is being
 * hidden (no frame comes then, and a write must start before the page goes), and after
 * `maxWaitMs` at the latest, so what waits on it is never held long.
 */

/** Resolves after the next frame is painted: its animation frame, then one task. */
export function afterPaint(maxWaitMs = 100): Promise<void> {
	if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
		return Promise.resolve();
	}
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			removeEventListener('pagehide', done);
			document.removeEventListener('visibilitychange', done);
			resolve();
		};
		const timer = setTimeout(done, maxWaitMs);
		addEventListener('pagehide', done);
		document.addEventListener('visibilitychange', done);
		requestAnimationFrame(() => {
			// A message, not setTimeout: a task right after the frame, without timer clamping.
			const channel = new MessageChannel();
			channel.port1.onmessage = done;
			channel.port2.postMessage(undefined);
		});
	});
}
