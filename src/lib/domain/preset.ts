/** Deck option presets, shared by decks (as in Anki's deck options). */
import type { Steps } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler';

export interface DeckPreset extends SchedulerOptions {
	id: string;
	name: string;
	newPerDay: number;
	reviewsPerDay: number;
	newOrder: 'deck' | 'random';
	newMix: 'before' | 'after' | 'mixed';
	burySiblings: boolean;
	mtime: number;
}

export const DEFAULT_PRESET_ID = 'default';

export const DEFAULT_PRESET: DeckPreset = {
	...DEFAULT_SCHEDULER_OPTIONS,
	learningSteps: [...DEFAULT_SCHEDULER_OPTIONS.learningSteps] as Steps,
	relearningSteps: [...DEFAULT_SCHEDULER_OPTIONS.relearningSteps] as Steps,
	id: DEFAULT_PRESET_ID,
	name: 'Default',
	newPerDay: 20,
	reviewsPerDay: 200,
	newOrder: 'deck',
	newMix: 'mixed',
	burySiblings: true,
	mtime: 0
};
