/**
 * What Anki keeps beside each note's fields: the sort field as plain text (`notes.sfld`, from the
 * field the note type's `sortf` names) and the first field's checksum (`notes.csum`, the first 8
 * hex digits of the SHA-1 of that field's plain text, as a number), used by Anki's duplicate
 * check. As rslib/src/notes/mod.rs `prepare_for_update` makes them: each field first loses its
 * ASCII control characters but tab and newline (`normalize_field`) and is put in NFC (Anki's
 * default `normalize_note_text`), then `strip_html_preserving_media_filenames` (anki-strip-html.ts)
 * gives the text, untrimmed. SHA-1 comes from WebCrypto, so this is async.
 */
import { stripHtmlPreservingMediaFilenames } from './anki-strip-html';

// eslint-disable-next-line no-control-regex -- these are the characters Anki removes
const INVALID_FIELD_CHARS = /[\x00-\x08\x0b-\x1f\x7f]/g;

/**
 * A field without the control characters Anki removes (all but tab and newline). The .apkg
 * writes its fields so: U+001F joins a note's fields there, and one inside a field would split it.
 */
export function withoutAnkiControlChars(text: string): string {
	return text.replace(INVALID_FIELD_CHARS, '');
}

/** A field as Anki saves it: control characters (but tab and newline) removed, then NFC. */
function normalizeAnkiField(text: string): string {
	return withoutAnkiControlChars(text).normalize('NFC');
}

/** Plain text of a field, keeping the names of media it shows, as Anki's sort field does. */
export function sortFieldText(html: string): string {
	return stripHtmlPreservingMediaFilenames(normalizeAnkiField(html));
}

export async function fieldChecksum(html: string): Promise<number> {
	const bytes = new TextEncoder().encode(sortFieldText(html));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
	return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}

/**
 * `sfld` and `csum` of a note whose type sorts by field `sortField` (Anki's `sortf`; a field the
 * note lacks sorts as empty text, as in Anki).
 */
export async function noteSortAndChecksum(
	fields: readonly string[],
	sortField: number
): Promise<{ sortField: string; checksum: number }> {
	return {
		sortField: sortFieldText(fields[sortField] ?? ''),
		checksum: await fieldChecksum(fields[0] ?? '')
	};
}
