/**
 * The built-in note types' ids, apart from their records (note-types.ts): every start checks the
 * ids, and only a start that finds one missing needs the records, templates and all.
 */
export const BUILTIN_NOTE_TYPE_IDS = [
	'basic',
	'basic-reversed',
	'basic-optional-reversed',
	'cloze',
	'type-in'
] as const;
export type BuiltinNoteTypeId = (typeof BUILTIN_NOTE_TYPE_IDS)[number];
