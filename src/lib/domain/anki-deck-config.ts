/**
 * Anki's deck options ("deck configs") as Engram presets, so that a deck imported from Anki or
 * AnkiDroid keeps its daily limits, steps, maximum interval, desired retention, burying,
 * new-card order, leech options and maximum answer seconds (export/apkg.ts writes presets the other way). Field names
 * and enums are rslib's (deckconfig/schema11.rs, proto deck_config.proto): leech action 0 is
 * Suspend, 1 Tag only; new order 0 is random, 1 due; new mix 0 mixed, 1 after reviews, 2 before.
 * FSRS parameters come from the newest set the file holds (FSRS-6, 5, then 4.5: schema 11 keys
 * `fsrsParams6`, `fsrsParams5`, `fsrsWeights`; protobuf fields 6, 5, 3), when ts-fsrs can use it.
 */
import { migrateParameters, type StepUnit, type Steps } from 'ts-fsrs';
import { DEFAULT_MAX_ANSWER_SECONDS, MAX_ANSWER_SECONDS_RANGE } from './answer-time';
import { stableHash } from './import/hash';
import { LEECH_THRESHOLD_RANGE, type LeechAction } from './leech';
import { DEFAULT_PRESET, type DeckPreset, type NewMix } from './preset';
import { RETENTION_RANGE, validatePreset } from './preset-validation';

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
	/** Seconds a review records at most (`maxTaken`, proto `cap_answer_time_to_secs`). */
	maxTaken: number;
	buryNew: boolean;
	buryReviews: boolean;
	/** 0 = random, 1 = in order added. */
	newOrder: number;
	/** 0 = mixed, 1 = after reviews, 2 = before reviews. */
	newMix: number;
	/** 0 when the file predates FSRS. */
	desiredRetention: number;
	/** The FSRS parameter sets the file holds, by FSRS version (empty when never optimised). */
	fsrsParams: { 4: number[]; 5: number[]; 6: number[] };
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
	maxTaken: DEFAULT_MAX_ANSWER_SECONDS,
	buryNew: false,
	buryReviews: false,
	newOrder: 1,
	newMix: 0,
	desiredRetention: 0.9,
	fsrsParams: { 4: [], 5: [], 6: [] }
};

/** How many parameters each FSRS version has; ts-fsrs takes exactly these lengths. */
const FSRS_LENGTHS = { 6: 21, 5: 19, 4: 17 } as const;
const FSRS_VERSIONS = [6, 5, 4] as const;

/**
 * The FSRS parameters of the newest version the config holds, as Engram stores them (FSRS-4.5's
 * 17 are migrated by ts-fsrs), or why they cannot be used: a set of the wrong length, or with a
 * number that is not finite, is ignored and the deck keeps the default parameters.
 */
export function fsrsWeightsFromAnki(config: AnkiDeckConfig): {
	weights?: number[];
	problem?: string;
} {
	const version = FSRS_VERSIONS.find((v) => config.fsrsParams[v].length > 0);
	if (version === undefined) {
		return {};
	}
	const values = config.fsrsParams[version];
	const expected = FSRS_LENGTHS[version];
	if (values.length !== expected || !values.every(Number.isFinite)) {
		const what =
			values.length === expected ? 'a value that is not a number' : `${values.length} values`;
		return {
			problem: `The FSRS-${version === 4 ? '4.5' : version} parameters of the Anki options “${config.name}” were ignored (${what}, where ${expected} numbers were expected); decks using them get the default parameters.`
		};
	}
	// Anki stores 32-bit floats: 7 significant digits give back the decimals it wrote.
	const rounded = values.map((w) => Number(w.toPrecision(7)));
	return { weights: version === 4 ? migrateParameters(rounded) : rounded };
}

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
		leechAction: (config.leechAction === 0 ? 'suspend' : 'tag') as LeechAction,
		weights: fsrsWeightsFromAnki(config).weights
	};
	const maxAnswerSeconds = clampWhole(
		config.maxTaken,
		MAX_ANSWER_SECONDS_RANGE.min,
		MAX_ANSWER_SECONDS_RANGE.max,
		DEFAULT_MAX_ANSWER_SECONDS
	);
	// Hashed only when not Anki's default, so presets imported before the option keep their ids.
	const hashed =
		maxAnswerSeconds === DEFAULT_MAX_ANSWER_SECONDS ? settings : { ...settings, maxAnswerSeconds };
	return validatePreset({
		...DEFAULT_PRESET,
		...settings,
		maxAnswerSeconds,
		name: settings.name || 'Anki options',
		id: `anki-preset:${stableHash(JSON.stringify(hashed))}`,
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
		maxTaken: num(conf.maxTaken, d.maxTaken),
		buryNew: fresh.bury === true,
		buryReviews: rev.bury === true,
		newOrder: num(fresh.order, d.newOrder),
		newMix: num(conf.newMix, d.newMix),
		desiredRetention: num(conf.desiredRetention, 0),
		// rslib's DeckConfSchema11 keeps FSRS-4.5's parameters under their first name.
		fsrsParams: {
			4: anyNumbers(conf.fsrsWeights),
			5: anyNumbers(conf.fsrsParams5),
			6: anyNumbers(conf.fsrsParams6)
		}
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

/** A list as the file has it: non-numbers become NaN, so a broken set is noticed, not shortened. */
function anyNumbers(value: unknown): number[] {
	return Array.isArray(value) ? value.map((v) => (typeof v === 'number' ? v : NaN)) : [];
}
