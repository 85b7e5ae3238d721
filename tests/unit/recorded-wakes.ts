/**
 * A `Schedule` (state/due-wake.ts) that runs nothing by itself: it records each wake a study
 * screen sets, so a test can check when it would fire, whether it was cancelled, and run it.
 */
import type { Schedule } from '$lib/state/due-wake';

export interface RecordedWake {
	run: () => void;
	ms: number;
	cancelled: boolean;
}

export function recordedWakes(): { wakes: RecordedWake[]; schedule: Schedule } {
	const wakes: RecordedWake[] = [];
	const schedule: Schedule = (run, ms) => {
		const wake = { run, ms, cancelled: false };
		wakes.push(wake);
		return () => (wake.cancelled = true);
	};
	return { wakes, schedule };
}
