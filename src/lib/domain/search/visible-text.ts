/**
 * A field's text as a card shows it, for searching and for the browser's columns: what the user
 * reads, not the markup (markup-text.ts). `div`, `span`, `nbsp` or `color` match only where they
 * are visible. Character references are decoded as a text node's are (all of HTML's names, the
 * legacy ones without a semicolon, Windows-1252 for `&#128;`–`&#159;`), by `entities`, the
 * decoder of htmlparser2 and cheerio; an unknown name stays as written, as the browser shows it.
 */
import { decodeHTML } from 'entities/decode';
import { markupText } from '../markup-text';

export function visibleText(html: string): string {
	return markupText(html, decodeReferences);
}

/** Character references decoded as HTML decodes them in text; anything else left as written. */
export function decodeReferences(text: string): string {
	return decodeHTML(text);
}
