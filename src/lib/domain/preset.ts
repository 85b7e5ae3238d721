/**
 * Deck option presets, shared by decks (as in Anki's deck options): the type and the default.
 * Checking one is preset-validation.ts, comparing two preset-match.ts: the first screen reads the
 * default, and a module it loads brings every export any screen uses into its chunk.
 */
import type { Steps } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_OPTIONS, type SchedulerOptions } from './scheduler-options';

export type NewOrder = 'deck' | 'random';
export type LeechAction = 'tag' | 'suspend';
export type NewMix = 'before' | 'after' | 'mixed';

export interface DeckPreset extends SchedulerOptions {
	id: string;
	name: string;
	newPerDay: number;
	reviewsPerDay: number;
	newOrder: NewOrder;
	newMix: NewMix;
	burySiblings: boolean;
	/** Lapses that make a card a leech (see domain/leech.ts); absent in presets stored before. */
	leechThreshold?: number;
	leechAction?: LeechAction;
	/** The most time one review records (answer-time.ts); absent in presets stored before. */
	maxAnswerSeconds?: number;
	mtime: number;
}

export const DEFAULT_PRESET_ID = 'default';

/**
 * Anki's defaults for leeches (domain/leech.ts: 8 lapses, tag only) and for the most time one
 * review records (domain/answer-time.ts). Defined here, which the first screen loads, and not in
 * those modules, which would bring all their code into its chunk.
 */
export const DEFAULT_LEECH = { threshold: 8, action: 'tag' as LeechAction };
export const DEFAULT_MAX_ANSWER_SECONDS = 60;

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
	leechThreshold: DEFAULT_LEECH.threshold,
	leechAction: DEFAULT_LEECH.action,
	maxAnswerSeconds: DEFAULT_MAX_ANSWER_SECONDS,
	mtime: 0
};
