/**
 * What Anki keeps beside each note's fields: the sort field as plain text (`notes.sfld`) and the
 * first field's checksum (`notes.csum`, the first 8 hex digits of the SHA-1 of the plain text,
 * as a number), used by Anki's duplicate check (rslib/src/notes/mod.rs `field_checksum`, with
 * text from `strip_html_preserving_media_filenames` in rslib/src/text.rs). SHA-1 comes from
 * WebCrypto, so this is async.
 */
import { stripHtml } from '../template-render';

/** Plain text of a field, keeping the names of images it shows, as Anki's sort field does. */
export function sortFieldText(html: string): string {
	const withNames = html.replace(
		/<img[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi,
		(_tag, double?: string, single?: string, bare?: string) => ` ${double ?? single ?? bare} `
	);
	return stripHtml(withNames).trim();
}

export async function fieldChecksum(html: string): Promise<number> {
	const bytes = new TextEncoder().encode(sortFieldText(html));
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes));
	return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
}
