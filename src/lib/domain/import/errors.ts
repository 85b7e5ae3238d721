/**
 * Import failures the user can act on. Every message is one plain sentence, shown as is by the
 * app and printed by `npm run deck -- inspect`; anything else that escapes a parser is a bug,
 * reported with the generic sentence from `describeImportError`.
 */
export class ImportError extends Error {
	override name = 'ImportError';
}

/** Largest file the importer accepts (documented in the import screen and decks/README). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
/** Largest size of one file unpacked from a package (guards against zip bombs). */
export const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
/** Fields longer than this are skipped note by note (they would freeze the card screen). */
export const MAX_FIELD_CHARS = 1_000_000;

export const MESSAGES = {
	empty: 'The file is empty.',
	tooLarge: `The file is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB import limit.`,
	unknownFormat:
		'This file is not a deck Engram can import (Anki .apkg or .colpkg, CSV, TSV, TXT or Engram JSON).',
	notZip: 'This is not an Anki package: the file is not a zip archive.',
	badZip: 'The Anki package is damaged or incomplete: its zip archive cannot be read.',
	unpackedTooLarge: 'The Anki package holds a file too large to unpack.',
	noCollection: 'The Anki package has no collection inside.',
	badSqlite: 'The collection inside the Anki package is damaged: it is not a readable database.',
	badZstd: 'The collection inside the Anki package is damaged: its compressed data cannot be read.',
	badMeta: 'The Anki package is damaged: its version entry cannot be read.',
	notText: 'The text file is not UTF-8 text.',
	noRows: 'The text file has no usable rows (each needs a non-empty first field).',
	internal: 'The file could not be imported because of an unexpected error.'
} as const;

export function unknownSchema(version: number): string {
	return `The collection uses Anki schema version ${version}, which Engram cannot read (it reads 11 and 18).`;
}

export function unknownPackageVersion(version: number): string {
	return `The Anki package has version ${version}, made by an Anki newer than Engram can read.`;
}

/** The one sentence to show for any failure, never a stack trace. */
export function describeImportError(error: unknown): string {
	if (error instanceof ImportError || (error instanceof Error && error.name === 'DeckFileError')) {
		return error.message;
	}
	if (error instanceof Error && error.name === 'AbortError') {
		return 'The import was cancelled.';
	}
	return MESSAGES.internal;
}
