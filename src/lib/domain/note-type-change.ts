/**
 * Changing a note's type, as Anki's "Change Note Type": the new type's fields take the old
 * fields' text by a mapping the user can adjust, and cards follow their template ordinal, so a
 * card whose ordinal the new type still makes keeps its schedule and history.
 */
import { cardOrdinals } from './card-generation';
import type { NoteTypeRecord } from './model';

/** For each field of the new type, the old field whose text it takes (undefined: left empty). */
export type FieldMapping = Record<string, string | undefined>;

/** Same name first (ignoring case), then the old fields not yet used, in order. */
export function defaultFieldMapping(
	oldFields: readonly string[],
	newFields: readonly string[]
): FieldMapping {
	const byName = new Map(oldFields.map((name) => [name.toLowerCase(), name]));
	const mapping: FieldMapping = {};
	for (const field of newFields) {
		mapping[field] = byName.get(field.toLowerCase());
	}
	const used = new Set(Object.values(mapping));
	const spare = oldFields.filter((name) => !used.has(name));
	for (const field of newFields) {
		mapping[field] ??= spare.shift();
	}
	return mapping;
}

export function mapFields(
	oldValues: Readonly<Record<string, string>>,
	mapping: FieldMapping,
	newFields: readonly string[]
): Record<string, string> {
	return Object.fromEntries(
		newFields.map((field) => {
			const from = mapping[field];
			return [field, from === undefined ? '' : (oldValues[from] ?? '')];
		})
	);
}

/**
 * The editor's unsaved text after a type change: each new field whose source field was edited
 * (differs from what is stored) takes the edited text, so changing the type never drops typing;
 * the rest show the stored result of the change.
 */
export function carryUnsavedEdits(
	changed: Readonly<Record<string, string>>,
	edited: Readonly<Record<string, string>>,
	stored: Readonly<Record<string, string>>,
	mapping: FieldMapping
): Record<string, string> {
	return Object.fromEntries(
		Object.entries(changed).map(([field, value]) => {
			const from = mapping[field];
			const wasEdited = from !== undefined && (edited[from] ?? '') !== (stored[from] ?? '');
			return [field, wasEdited ? edited[from]! : value];
		})
	);
}

export interface NoteTypeChangePlan {
	fields: Record<string, string>;
	/** Ordinals of cards that stay, with their schedule and reviews. */
	keep: number[];
	/** Ordinals the new type makes that the note has no card for: new cards. */
	create: number[];
	/** Ordinals the new type does not make: these cards are deleted (their reviews stay). */
	remove: number[];
}

export function planNoteTypeChange(
	newType: NoteTypeRecord,
	oldValues: Readonly<Record<string, string>>,
	mapping: FieldMapping,
	existingOrds: readonly number[]
): NoteTypeChangePlan {
	const fields = mapFields(oldValues, mapping, newType.fields);
	const made = cardOrdinals(newType, fields);
	return {
		fields,
		keep: existingOrds.filter((ord) => made.includes(ord)),
		create: made.filter((ord) => !existingOrds.includes(ord)),
		remove: existingOrds.filter((ord) => !made.includes(ord))
	};
}

/** A card's name in the preview: the template's name, or "Cloze n" for cloze types. */
export function cardName(noteType: NoteTypeRecord, ord: number): string {
	if (noteType.kind === 'cloze') {
		return `Cloze ${ord + 1}`;
	}
	return noteType.templates[ord]?.name ?? `Card ${ord + 1}`;
}
