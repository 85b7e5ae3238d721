/**
 * The Engram deck file (`"format": "engram-deck", "version": 1`), documented in decks/README.md.
 * Validated with valibot at the boundary so a bad file gives one clear sentence.
 */
import * as v from 'valibot';
import { isSafeMediaName } from './import/media-names';
import { isBuiltinNoteType } from './note-types';

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
	css: v.optional(v.string(), '')
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
 */
export const DeckChangeSchema = v.object({
	id: v.optional(NonEmpty),
	at: IsoTime,
	change: v.picklist(['reset', 'due']),
	days: v.optional(Count, 0)
});

/** A card's history: answers and manual changes. */
export const DeckReviewSchema = v.union([DeckAnswerSchema, DeckChangeSchema]);

/** What differs from a new card: suspended, flagged, or answered before. */
export const DeckCardSchema = v.object({
	ord: Count,
	suspended: v.optional(v.boolean()),
	flag: v.optional(v.pipe(Count, v.maxValue(7))),
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
	cards: v.optional(v.array(DeckCardSchema))
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
	noteTypes: v.optional(v.array(DeckNoteTypeSchema), []),
	notes: v.array(DeckNoteSchema),
	media: v.optional(v.array(DeckMediaSchema))
});

export type DeckFile = v.InferOutput<typeof DeckFileSchema>;
export type DeckNote = v.InferOutput<typeof DeckNoteSchema>;
export type DeckNoteType = v.InferOutput<typeof DeckNoteTypeSchema>;
export type DeckCard = v.InferOutput<typeof DeckCardSchema>;
export type DeckMedia = v.InferOutput<typeof DeckMediaSchema>;
export type DeckReview = v.InferOutput<typeof DeckReviewSchema>;
export type DeckChange = v.InferOutput<typeof DeckChangeSchema>;

export class DeckFileError extends Error {
	override name = 'DeckFileError';
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
	const typeIds = new Set<string>();
	for (const type of file.noteTypes) {
		if (isBuiltinNoteType(type.id) || typeIds.has(type.id)) {
			throw new DeckFileError(`Not a valid Engram deck: note type id "${type.id}" is taken`);
		}
		typeIds.add(type.id);
	}
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
		if (
			note.deck !== undefined &&
			note.deck !== file.name &&
			!note.deck.startsWith(`${file.name}::`)
		) {
			throw new DeckFileError(
				`Not a valid Engram deck: notes.${i}.deck: "${note.deck}" is not inside "${file.name}"`
			);
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
