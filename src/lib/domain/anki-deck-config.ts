/**
 * Anki's deck options ("deck configs") as Engram presets, so that a deck imported from Anki or
 * AnkiDroid keeps its daily limits, steps, maximum interval, desired retention, burying,
 * new-card order and leech options (export/apkg.ts writes presets the other way). Field names
 * and enums are rslib's (deckconfig/schema11.rs, proto deck_config.proto): leech action 0 is
 * Suspend, 1 Tag only; new order 0 is random, 1 due; new mix 0 mixed, 1 after reviews, 2 before.
 * FSRS weights are left out: Anki's versions store them under several names and lengths.
 */
import type { StepUnit, Steps } from 'ts-fsrs';
import { stableHash } from './import/hash';
import { LEECH_THRESHOLD_RANGE, type LeechAction } from './leech';
import {
	DEFAULT_PRESET,
	RETENTION_RANGE,
	validatePreset,
	type DeckPreset,
	type NewMix
} from './preset';

/** One Anki deck config, read the same from schema 11 JSON and schema 18 protobuf. */
export interface AnkiDeckConfig {
	id: number;
	name: string;
	/** Steps in minutes, as Anki stores them. */
	learnSteps: number[];
	relearnSteps: number[];
	newPerDay: number;
	reviewsPerDay: number;
	maxInterval: number;
	leechThreshold: number;
	/** 0 = suspend, 1 = tag only. */
	leechAction: number;
	buryNew: boolean;
	buryReviews: boolean;
	/** 0 = random, 1 = in order added. */
	newOrder: number;
	/** 0 = mixed, 1 = after reviews, 2 = before reviews. */
	newMix: number;
	/** 0 when the file predates FSRS. */
	desiredRetention: number;
}

/** Anki's defaults (rslib DeckConfSchema11::default), used for missing or invalid fields. */
export const ANKI_DEFAULT_CONFIG: AnkiDeckConfig = {
	id: 1,
	name: 'Default',
	learnSteps: [1, 10],
	relearnSteps: [10],
	newPerDay: 20,
	reviewsPerDay: 200,
	maxInterval: 36500,
	leechThreshold: 8,
	leechAction: 1,
	buryNew: false,
	buryReviews: false,
	newOrder: 1,
	newMix: 0,
	desiredRetention: 0.9
};

const MIX_FROM_ANKI: readonly NewMix[] = ['mixed', 'after', 'before'];
const MINUTES = { h: 60, d: 1440 } as const;

const clampWhole = (value: number, min: number, max: number, fallback: number): number =>
	Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;

/** `10` → `10m`, `60` → `1h`, `1440` → `1d`; steps of zero or less are dropped. */
export function stepsFromMinutes(minutes: readonly number[]): Steps {
	return minutes
		.map((m) => Math.round(m * 100) / 100)
		.filter((m) => Number.isFinite(m) && m > 0)
		.map((m): StepUnit => {
			if (m % MINUTES.d === 0) {
				return `${m / MINUTES.d}d`;
			}
			if (m % MINUTES.h === 0) {
				return `${m / MINUTES.h}h`;
			}
			return `${m}m`;
		});
}

/**
 * A preset holding an Anki deck config; its id follows its content, so re-imports reuse it.
 * Every value is brought into Engram's ranges first, so the preset always validates. Its mtime
 * is 0: an import adds it when missing but never writes over a stored copy the user has edited.
 */
export function presetFromAnkiConfig(config: AnkiDeckConfig): DeckPreset {
	const retention = config.desiredRetention;
	const settings = {
		name: config.name.trim() === DEFAULT_PRESET.name ? 'Default (Anki)' : config.name.trim(),
		newPerDay: clampWhole(config.newPerDay, 0, 9999, DEFAULT_PRESET.newPerDay),
		reviewsPerDay: clampWhole(config.reviewsPerDay, 0, 99999, DEFAULT_PRESET.reviewsPerDay),
		maximumInterval: clampWhole(config.maxInterval, 1, 36500, DEFAULT_PRESET.maximumInterval),
		learningSteps: stepsFromMinutes(config.learnSteps),
		relearningSteps: stepsFromMinutes(config.relearnSteps),
		desiredRetention:
			retention >= RETENTION_RANGE.min && retention <= RETENTION_RANGE.max
				? Math.round(retention * 100) / 100
				: DEFAULT_PRESET.desiredRetention,
		burySiblings: config.buryNew || config.buryReviews,
		newOrder: config.newOrder === 0 ? ('random' as const) : ('deck' as const),
		newMix: MIX_FROM_ANKI[config.newMix] ?? DEFAULT_PRESET.newMix,
		leechThreshold:
			config.leechThreshold > 0
				? clampWhole(
						config.leechThreshold,
						LEECH_THRESHOLD_RANGE.min,
						LEECH_THRESHOLD_RANGE.max,
						DEFAULT_PRESET.leechThreshold!
					)
				: DEFAULT_PRESET.leechThreshold!,
		leechAction: (config.leechAction === 0 ? 'suspend' : 'tag') as LeechAction
	};
	return validatePreset({
		...DEFAULT_PRESET,
		...settings,
		name: settings.name || 'Anki options',
		id: `anki-preset:${stableHash(JSON.stringify(settings))}`,
		mtime: 0
	});
}

/** Reads one schema 11 `dconf` entry; anything missing or of the wrong type takes Anki's default. */
export function ankiConfigFromJson(key: string, value: unknown): AnkiDeckConfig {
	const conf = record(value);
	const fresh = record(conf.new);
	const rev = record(conf.rev);
	const lapse = record(conf.lapse);
	const d = ANKI_DEFAULT_CONFIG;
	return {
		id: num(conf.id, Number(key)),
		name: typeof conf.name === 'string' ? conf.name : d.name,
		learnSteps: numbers(fresh.delays, d.learnSteps),
		relearnSteps: numbers(lapse.delays, d.relearnSteps),
		newPerDay: num(fresh.perDay, d.newPerDay),
		reviewsPerDay: num(rev.perDay, d.reviewsPerDay),
		maxInterval: num(rev.maxIvl, d.maxInterval),
		leechThreshold: num(lapse.leechFails, d.leechThreshold),
		leechAction: num(lapse.leechAction, d.leechAction),
		buryNew: fresh.bury === true,
		buryReviews: rev.bury === true,
		newOrder: num(fresh.order, d.newOrder),
		newMix: num(conf.newMix, d.newMix),
		desiredRetention: num(conf.desiredRetention, 0)
	};
}

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function num(value: unknown, fallback: number): number {
	const n = typeof value === 'string' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

function numbers(value: unknown, fallback: number[]): number[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'number') ? value : fallback;
}
