/**
 * The Engram deck file (`"format": "engram-deck", "version": 1`), documented in decks/README.md.
 * Validated with valibot at the boundary so a bad file gives one clear sentence.
 */
import * as v from 'valibot';
import { isSafeMediaName } from './import/media-names';
import { isBuiltinNoteType } from './note-types';
import { DEFAULT_PRESET_ID, type DeckPreset } from './preset';
import { PresetError, validatePreset } from './preset-validation';

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));

export const NoteKindSchema = v.picklist(['date', 'quote', 'person', 'place', 'fact', 'term']);

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A note type of the deck's own (exported from an Anki deck, say); built-in ones need none. */
export const DeckNoteTypeSchema = v.object({
	id: NonEmpty,
	name: NonEmpty,
	kind: v.picklist(['standard', 'cloze']),
	fields: v.pipe(v.array(NonEmpty), v.minLength(1)),
	templates: v.pipe(
		v.array(v.object({ name: v.string(), front: v.string(), back: v.string() })),
		v.minLength(1)
	),
	css: v.optional(v.string(), ''),
	/** The field Anki sorts by, an index into `fields` (absent: the first). */
	sortField: v.optional(Count)
});

const IsoTime = v.pipe(
	v.string(),
	v.check((s) => !Number.isNaN(Date.parse(s)), 'not a date and time')
);

/** One past answer, so progress travels with an exported deck. */
export const DeckAnswerSchema = v.object({
	id: v.optional(NonEmpty),
	at: IsoTime,
	rating: v.picklist([1, 2, 3, 4]),
	ms: v.optional(Count, 0)
});

/**
 * A schedule change made by hand: `reset` (forget: the card starts new) or `due` (set due date,
 * `days` after the change). Replayed in order with the answers, as Anki's manual revlog rows.
 * A reset's `resetCounts` says whether it zeroed the card's reps and lapses (absent: kept).
 */
export const DeckChangeSchema = v.object({
	id: v.optional(NonEmpty),
	at: IsoTime,
	change: v.picklist(['reset', 'due']),
	days: v.optional(Count, 0),
	resetCounts: v.optional(v.boolean())
});

/** A card's history: answers and manual changes. */
export const DeckReviewSchema = v.union([DeckAnswerSchema, DeckChangeSchema]);

/**
 * What differs from a new card the templates make: suspended, buried (until when), flagged,
 * answered before, or a new card's place in the new-card order (`position`).
 */
export const DeckCardSchema = v.object({
	ord: Count,
	suspended: v.optional(v.boolean()),
	buriedUntil: v.optional(IsoTime),
	flag: v.optional(v.pipe(Count, v.maxValue(7))),
	position: v.optional(v.pipe(v.number(), v.integer())),
	reviews: v.optional(v.array(DeckReviewSchema), [])
});

export const DeckNoteSchema = v.object({
	id: NonEmpty,
	/** A built-in note type id, or the id of one in the file's `noteTypes`. */
	type: NonEmpty,
	fields: v.record(v.string(), v.string()),
	kind: v.optional(NoteKindSchema),
	source: v.optional(v.string()),
	tags: v.optional(v.array(v.pipe(v.string(), v.regex(/^\S+$/, 'a tag has no spaces'))), []),
	/** A subdeck (`Name::Sub`) when the note is not in the file's own deck. */
	deck: v.optional(NonEmpty),
	/** When the note was made, and when each field was last changed (for a later sync). */
	created: v.optional(IsoTime),
	modified: v.optional(v.record(v.string(), IsoTime)),
	cards: v.optional(v.array(DeckCardSchema))
});

const Steps = v.array(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?[mhd]$/, 'not a step like 10m')));

/**
 * A deck options preset the file's decks use, as the options screen keeps it. Values are checked
 * again by the same rules as the options screen (`validatePreset`) when the file is read.
 */
export const DeckPresetSchema = v.object({
	id: NonEmpty,
	name: NonEmpty,
	modified: v.optional(IsoTime),
	newPerDay: Count,
	reviewsPerDay: Count,
	newOrder: v.picklist(['deck', 'random']),
	newMix: v.picklist(['before', 'after', 'mixed']),
	burySiblings: v.boolean(),
	leechThreshold: v.optional(Count),
	leechAction: v.optional(v.picklist(['tag', 'suspend'])),
	maxAnswerSeconds: v.optional(Count),
	desiredRetention: v.number(),
	maximumInterval: Count,
	enableFuzz: v.boolean(),
	learningSteps: Steps,
	relearningSteps: Steps,
	weights: v.optional(v.array(v.number()))
});

/** A subdeck of the file's deck (a full name under it), listed so an empty one travels too. */
export const DeckSubdeckSchema = v.object({
	name: NonEmpty,
	description: v.optional(v.string(), ''),
	preset: v.optional(NonEmpty)
});

/** Largest media file a deck file carries: 25 MiB (the whole file is also under the import limit). */
export const MAX_DECK_MEDIA_BYTES = 25 * 1024 * 1024;

/** A media file the notes show, addressed by content hash; `data` is the bytes in base64. */
export const DeckMediaSchema = v.object({
	name: v.pipe(v.string(), v.check(isSafeMediaName, 'an unsafe media file name')),
	sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in lower-case hex')),
	data: v.pipe(
		v.string(),
		v.maxLength(Math.ceil(MAX_DECK_MEDIA_BYTES / 3) * 4, 'a media file larger than 25 MB'),
		v.check((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'not base64')
	)
});

export const DeckFileSchema = v.object({
	format: v.literal('engram-deck'),
	version: v.literal(1),
	id: NonEmpty,
	name: NonEmpty,
	description: v.optional(v.string(), ''),
	source: v.optional(
		v.object({
			author: NonEmpty,
			title: NonEmpty,
			year: v.pipe(v.number(), v.integer()),
			publisher: v.optional(v.string())
		})
	),
	/** The preset (deck options) of the file's deck; absent: the default preset. */
	preset: v.optional(NonEmpty),
	presets: v.optional(v.array(DeckPresetSchema), []),
	subdecks: v.optional(v.array(DeckSubdeckSchema), []),
	noteTypes: v.optional(v.array(DeckNoteTypeSchema), []),
	notes: v.array(DeckNoteSchema),
	media: v.optional(v.array(DeckMediaSchema))
});

export type DeckFile = v.InferOutput<typeof DeckFileSchema>;
export type DeckNote = v.InferOutput<typeof DeckNoteSchema>;
export type DeckNoteType = v.InferOutput<typeof DeckNoteTypeSchema>;
export type DeckCard = v.InferOutput<typeof DeckCardSchema>;
/** A note and card as written (defaults left out: a card with no history has no `reviews`). */
export type DeckNoteInput = v.InferInput<typeof DeckNoteSchema>;
export type DeckCardInput = v.InferInput<typeof DeckCardSchema>;
export type DeckMedia = v.InferOutput<typeof DeckMediaSchema>;
export type DeckReview = v.InferOutput<typeof DeckReviewSchema>;
export type DeckChange = v.InferOutput<typeof DeckChangeSchema>;
export type DeckFilePreset = v.InferOutput<typeof DeckPresetSchema>;
export type DeckSubdeck = v.InferOutput<typeof DeckSubdeckSchema>;

export class DeckFileError extends Error {
	override name = 'DeckFileError';
}

/** A preset of the file as the collection stores it; throws PresetError if an option is bad. */
export function presetFromFile(preset: DeckFilePreset): DeckPreset {
	const { modified, ...options } = preset;
	return validatePreset({
		...options,
		learningSteps: options.learningSteps as DeckPreset['learningSteps'],
		relearningSteps: options.relearningSteps as DeckPreset['relearningSteps'],
		mtime: modified ? Date.parse(modified) : 0
	});
}

/** A stored preset as the file writes it (its modification time as an ISO time). */
export function presetToFile(preset: DeckPreset): DeckFilePreset {
	const { mtime, learningSteps, relearningSteps, weights, ...options } = preset;
	return {
		...options,
		learningSteps: [...learningSteps],
		relearningSteps: [...relearningSteps],
		...(weights ? { weights: [...weights] } : {}),
		modified: new Date(mtime).toISOString()
	};
}

/** Presets that pass the options screen's rules, ids unique; decks name only those (or default). */
function checkPresets(file: DeckFile): void {
	const ids = new Set<string>([DEFAULT_PRESET_ID]);
	file.presets.forEach((preset, i) => {
		try {
			presetFromFile(preset);
		} catch (error) {
			const reason = error instanceof PresetError ? error.message : String(error);
			throw new DeckFileError(`Not a valid Engram deck: presets.${i}: ${reason}`);
		}
		if (ids.has(preset.id) && preset.id !== DEFAULT_PRESET_ID) {
			throw new DeckFileError(`Not a valid Engram deck: preset id "${preset.id}" appears twice`);
		}
		ids.add(preset.id);
	});
	const used = [
		['preset', file.preset],
		...file.subdecks.map((d, i) => [`subdecks.${i}.preset`, d.preset])
	];
	for (const [where, id] of used) {
		if (id !== undefined && !ids.has(id)) {
			throw new DeckFileError(`Not a valid Engram deck: ${where}: unknown preset "${id}"`);
		}
	}
}

/** A deck name is inside the file's deck (`Name::…`), or (`orRoot`) the file's deck itself. */
function checkInside(file: DeckFile, where: string, name: string, orRoot = true): void {
	if (!(orRoot && name === file.name) && !name.startsWith(`${file.name}::`)) {
		throw new DeckFileError(
			`Not a valid Engram deck: ${where}: "${name}" is not inside "${file.name}"`
		);
	}
}

/** Parses and validates a deck file; throws DeckFileError with a one-line reason. */
export function parseDeckFile(input: unknown): DeckFile {
	const result = v.safeParse(DeckFileSchema, input);
	if (!result.success) {
		const issue = result.issues[0];
		const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
		throw new DeckFileError(`Not a valid Engram deck: ${path ? `${path}: ` : ''}${issue.message}`);
	}
	const file = result.output;
	checkPresets(file);
	file.subdecks.forEach((d, i) => checkInside(file, `subdecks.${i}.name`, d.name, false));
	const typeIds = new Set<string>();
	file.noteTypes.forEach((type, i) => {
		if (isBuiltinNoteType(type.id) || typeIds.has(type.id)) {
			throw new DeckFileError(`Not a valid Engram deck: note type id "${type.id}" is taken`);
		}
		if ((type.sortField ?? 0) >= type.fields.length) {
			throw new DeckFileError(`Not a valid Engram deck: noteTypes.${i}.sortField: no such field`);
		}
		typeIds.add(type.id);
	});
	const ids = new Set<string>();
	file.notes.forEach((note, i) => {
		if (ids.has(note.id)) {
			throw new DeckFileError(`Not a valid Engram deck: note id "${note.id}" appears twice`);
		}
		ids.add(note.id);
		if (!isBuiltinNoteType(note.type) && !typeIds.has(note.type)) {
			throw new DeckFileError(
				`Not a valid Engram deck: notes.${i}.type: unknown note type "${note.type}"`
			);
		}
		if (note.deck !== undefined) {
			checkInside(file, `notes.${i}.deck`, note.deck);
		}
	});
	return file;
}

export function parseDeckJson(text: string): DeckFile {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		throw new DeckFileError('Not a valid Engram deck: the file is not JSON');
	}
	return parseDeckFile(data);
}
