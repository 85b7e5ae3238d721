/**
 * The Engram deck file (`"format": "engram-deck", "version": 1`), documented in decks/README.md.
 * Validated with valibot at the boundary so a bad file gives one clear sentence.
 */
import * as v from 'valibot';
import { BUILTIN_NOTE_TYPE_IDS } from './note-types';

const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));

export const NoteKindSchema = v.picklist(['date', 'quote', 'person', 'place', 'fact', 'term']);

export const DeckNoteSchema = v.object({
	id: NonEmpty,
	type: v.picklist(BUILTIN_NOTE_TYPE_IDS),
	fields: v.record(v.string(), v.string()),
	kind: v.optional(NoteKindSchema),
	source: v.optional(v.string()),
	tags: v.optional(v.array(v.pipe(v.string(), v.regex(/^\S+$/, 'a tag has no spaces'))), [])
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
	notes: v.array(DeckNoteSchema)
});

export type DeckFile = v.InferOutput<typeof DeckFileSchema>;
export type DeckNote = v.InferOutput<typeof DeckNoteSchema>;

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
	const ids = new Set<string>();
	for (const note of result.output.notes) {
		if (ids.has(note.id)) {
			throw new DeckFileError(`Not a valid Engram deck: note id "${note.id}" appears twice`);
		}
		ids.add(note.id);
	}
	return result.output;
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
