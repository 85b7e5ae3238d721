/**
 * What Anki keeps beside each note's fields: the sort field as plain text (`notes.sfld`) and the
 * first field's checksum (`notes.csum`, the first 8 hex digits of the SHA-1 of that plain text,
 * as a number), used by Anki's duplicate check. Both come from the text Anki's
 * `strip_html_preserving_media_filenames` gives (anki-strip-html.ts), untrimmed, as in
 * rslib/src/notes/mod.rs `prepare_for_update` and `field_checksum`. SHA-1 comes from WebCrypto,
 * so this is async.
 */
import { stripHtmlPreservingMediaFilenames } from './anki-strip-html';

/** Plain text of a field, keeping the names of media it shows, as Anki's sort field does. */
export function sortFieldText(html: string): string {
	return stripHtmlPreservingMediaFilenames(html);
}

export async function fieldChecksum(html: string): Promise<number> {
	const bytes = new TextEncoder().encode(sortFieldText(html));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
	return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}
