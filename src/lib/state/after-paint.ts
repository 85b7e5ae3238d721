/**
 * The page's frames and its leaving, for the answer path: an answer's write waits for the frame
 * that shows the next card (its work would hold that frame back), except when the page is being
 * hidden or closed, when it must be committed before the page goes.
 */

const inBrowser = () => typeof document !== 'undefined' && typeof addEventListener === 'function';

/**
 * Calls `leave` when the page starts to be hidden or closed; returns a stop. `unloading` is true
 * when the page is being closed or frozen (`pagehide`, `freeze`): nothing of it runs after this
 * task, and its IndexedDB connection goes with it. Hidden only, it may still run a while.
 */
export function onLeave(leave: (unloading: boolean) => void): () => void {
	if (!inBrowser()) {
		return () => {};
	}
	const hidden = () => {
		if (document.visibilityState === 'hidden') {
			leave(false);
		}
	};
	const unload = () => leave(true);
	addEventListener('pagehide', unload);
	document.addEventListener('freeze', unload);
	document.addEventListener('visibilitychange', hidden);
	return () => {
		removeEventListener('pagehide', unload);
		document.removeEventListener('freeze', unload);
		document.removeEventListener('visibilitychange', hidden);
	};
}

/**
 * Resolves after the next frame is painted (its animation frame, then one task), with false; at
 * once with true when the page is hidden or starts to leave (no frame comes then); and after
 * `maxWaitMs` at the latest, so what waits on it is never held long.
 */
export function afterPaint(maxWaitMs = 100): Promise<boolean> {
	if (!inBrowser() || typeof requestAnimationFrame !== 'function') {
		return Promise.resolve(false);
	}
	if (document.visibilityState === 'hidden') {
		return Promise.resolve(true);
	}
	return new Promise((resolve) => {
		const done = (leaving: boolean) => {
			clearTimeout(timer);
			stop();
			resolve(leaving);
		};
		const timer = setTimeout(() => done(false), maxWaitMs);
		const stop = onLeave(() => done(true));
		requestAnimationFrame(() => {
			// A message, not setTimeout: a task right after the frame, without timer clamping.
			const channel = new MessageChannel();
			channel.port1.onmessage = () => done(false);
			channel.port2.postMessage(undefined);
		});
	});
}

/** Resolves in a new task: after the current one and its microtasks (Svelte's DOM update). */
export function nextTask(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
