/**
 * The deck options form as data: each section lists its fields with their label, input kind and
 * limits, so PresetForm renders them from one template instead of repeating a block per field.
 */
import { MAX_ANSWER_SECONDS_RANGE } from '$lib/domain/answer-time';
import { LEECH_THRESHOLD_RANGE, type LeechAction } from '$lib/domain/leech';
import type { DeckPreset } from '$lib/domain/preset';

/**
 * What the form edits: the preset with steps as text, retention as a whole percent, and the
 * leech and answer-time options always set (a preset stored before them shows Anki's defaults).
 */
export type PresetDraft = DeckPreset & {
	learning: string;
	relearning: string;
	retentionPercent: number;
	leechThreshold: number;
	leechAction: LeechAction;
	maxAnswerSeconds: number;
};

type KeysOf<T> = {
	[K in keyof PresetDraft]-?: PresetDraft[K] extends T ? K : never;
}[keyof PresetDraft];

interface Common {
	id: string;
	label: string;
	describedBy?: string;
}

export type PresetField =
	| (Common & { kind: 'number'; key: KeysOf<number>; min: number; max: number })
	| (Common & { kind: 'text'; key: KeysOf<string> })
	| (Common & {
			kind: 'select';
			key: 'newOrder' | 'newMix' | 'leechAction';
			options: [string, string][];
	  })
	| (Common & { kind: 'check'; key: KeysOf<boolean> })
	/** The desired-retention slider, with its live workload explanation. */
	| (Common & { kind: 'retention'; key: 'retentionPercent' });

export interface PresetSection {
	title: string;
	fields: PresetField[];
	/** A short explanation under the section's fields; `id` lets inputs point at it. */
	help?: { id?: string; text: string };
}

export const PRESET_SECTIONS: PresetSection[] = [
	{
		title: 'Daily limits',
		fields: [
			{
				kind: 'number',
				key: 'newPerDay',
				id: 'new-per-day',
				label: 'New cards per day',
				min: 0,
				max: 9999
			},
			{
				kind: 'number',
				key: 'reviewsPerDay',
				id: 'reviews-per-day',
				label: 'Maximum reviews per day',
				min: 0,
				max: 99999
			}
		],
		help: { text: 'Each new card brings about ten reviews over its first month.' }
	},
	{
		title: 'Memory',
		fields: [
			{
				kind: 'retention',
				key: 'retentionPercent',
				id: 'retention',
				label: 'Desired retention',
				describedBy: 'retention-help'
			},
			{
				kind: 'number',
				key: 'maximumInterval',
				id: 'max-interval',
				label: 'Maximum interval (days)',
				min: 1,
				max: 36500
			}
		]
	},
	{
		title: 'Learning',
		fields: [
			{
				kind: 'text',
				key: 'learning',
				id: 'learning-steps',
				label: 'Learning steps',
				describedBy: 'steps-help'
			},
			{
				kind: 'text',
				key: 'relearning',
				id: 'relearning-steps',
				label: 'Relearning steps',
				describedBy: 'steps-help'
			}
		],
		help: {
			id: 'steps-help',
			text: 'Short delays before a new or forgotten card graduates, like “1m 10m” (m, h, d). Leave both empty to let FSRS schedule short-term reviews itself.'
		}
	},
	{
		title: 'Order',
		fields: [
			{
				kind: 'select',
				key: 'newOrder',
				id: 'new-order',
				label: 'New cards',
				options: [
					['deck', 'In deck order'],
					['random', 'In random order']
				]
			},
			{
				kind: 'select',
				key: 'newMix',
				id: 'new-mix',
				label: 'Show new cards',
				options: [
					['mixed', 'Mixed with reviews'],
					['before', 'Before reviews'],
					['after', 'After reviews']
				]
			},
			{
				kind: 'check',
				key: 'burySiblings',
				id: 'bury-siblings',
				label: 'Bury related cards until tomorrow'
			},
			{
				kind: 'check',
				key: 'enableFuzz',
				id: 'enable-fuzz',
				label: 'Spread due dates a little (fuzz)'
			}
		]
	},
	{
		title: 'Leeches',
		fields: [
			{
				kind: 'number',
				key: 'leechThreshold',
				id: 'leech-threshold',
				label: 'Leech threshold (lapses)',
				min: LEECH_THRESHOLD_RANGE.min,
				max: LEECH_THRESHOLD_RANGE.max,
				describedBy: 'leech-help'
			},
			{
				kind: 'select',
				key: 'leechAction',
				id: 'leech-action',
				label: 'Leech action',
				options: [
					['tag', 'Tag only'],
					['suspend', 'Tag and suspend']
				],
				describedBy: 'leech-help'
			}
		],
		help: {
			id: 'leech-help',
			text: 'A card you keep forgetting (a leech) costs many reviews. When its lapses reach the threshold, and every half threshold after, its note is tagged “leech”, and suspended too if you choose, so you can rewrite it. Browse finds them with is:leech.'
		}
	},
	{
		title: 'Timer',
		fields: [
			{
				kind: 'number',
				key: 'maxAnswerSeconds',
				id: 'max-answer-seconds',
				label: 'Maximum answer seconds',
				min: MAX_ANSWER_SECONDS_RANGE.min,
				max: MAX_ANSWER_SECONDS_RANGE.max,
				describedBy: 'answer-time-help'
			}
		],
		help: {
			id: 'answer-time-help',
			text: 'The most time one review records. A card left on screen while you were away counts as this long, so time statistics and the optimiser stay true.'
		}
	}
];
