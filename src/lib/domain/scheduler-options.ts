/**
 * The scheduler's options and their defaults, apart from scheduler.ts so that presets (read on
 * the first screen) do not load ts-fsrs itself: only its types are imported here.
 */
import type { Steps } from 'ts-fsrs';

export interface SchedulerOptions {
	desiredRetention: number;
	maximumInterval: number;
	enableFuzz: boolean;
	learningSteps: Steps;
	relearningSteps: Steps;
	/** The 21 FSRS-6 weights; undefined means ts-fsrs defaults. */
	weights?: readonly number[];
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
	desiredRetention: 0.9,
	maximumInterval: 36500,
	enableFuzz: true,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m']
};
