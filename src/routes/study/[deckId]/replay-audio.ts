/**
 * "Replay audio" (Anki's R / F5): the side on screen plays its sounds again from the start, one
 * after another, as Anki plays a side's `[sound:…]` references in order.
 */

/** Whether a card side's HTML has sounds to replay (`[sound:…]` or an `<audio>` element). */
export function sideHasAudio(html: string): boolean {
	return /\[sound:[^\]]+\]|<audio\b/i.test(html);
}

/** Counts replays per card root: a chain from an earlier replay stops when a newer one starts. */
const replays = new WeakMap<ParentNode, number>();

/** Stops whatever plays in `root`, then plays each of its audio elements from the start in turn. */
export function replayAudio(root: ParentNode): void {
	const replay = (replays.get(root) ?? 0) + 1;
	replays.set(root, replay);
	const audios = [...root.querySelectorAll('audio')];
	for (const audio of audios) {
		audio.pause();
		audio.onended = null;
	}
	const playFrom = (index: number): void => {
		const audio = audios[index];
		if (!audio || replays.get(root) !== replay) {
			return;
		}
		audio.currentTime = 0;
		audio.onended = () => playFrom(index + 1);
		// A file the browser cannot play is skipped, not a reason to stop the rest.
		audio.play().catch(() => playFrom(index + 1));
	};
	playFrom(0);
}
