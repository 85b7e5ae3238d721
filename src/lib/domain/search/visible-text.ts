/**
 * A field's text as a card shows it, for searching and for the browser's columns: what the user
 * reads, not the markup. `div`, `span`, `nbsp` or `color` match only where they are visible.
 *
 * Regular expressions, not a parser: a scan checks 100,000 notes and this runs in the browse
 * worker, which has no DOM. It follows the browser where that changes what is seen:
 * - comments, `<!…>`/`<?…>`, and the content of script, style, template and title are dropped;
 * - a tag ends at the first `>` outside quotes (`<img alt="a>b">` is all tag);
 * - a line break or a block's edge separates words, as the card lays them out (`a<div>b</div>`
 *   reads "a b", not "ab");
 * - character references are decoded as a text node's are (all of HTML's names, the legacy ones
 *   without a semicolon, Windows-1252 for `&#128;`–`&#159;`), by `entities`, the decoder of
 *   htmlparser2 and cheerio; an unknown name stays as written, as the browser shows it;
 * - runs of white space (no-break spaces included) read as one space.
 */
import { decodeHTML } from 'entities/decode';

/**
 * One pass over the markup: a comment, a hidden element with its content, a `<!…>` or `<?…>`,
 * or a tag (a letter after `<` or `</`, then attributes whose quoted values may hold `>`).
 */
const MARKUP =
	/<!--[\s\S]*?(?:-->|$)|<(script|style|template|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<[!?][^>]*>?|<\/?([a-z][a-z0-9-]*)[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>?/gi;
const BLOCK = new Set(
	(
		'address article aside blockquote br dd details div dl dt figcaption figure footer form ' +
		'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th ' +
		'thead tr ul'
	).split(' ')
);
const SPACES = /[\s\u00a0]+/g;

/** What stands for a piece of markup: a space where it separates words, else nothing. */
function markupText(_markup: string, hidden?: string, tag?: string): string {
	return hidden || (tag && BLOCK.has(tag.toLowerCase())) ? ' ' : '';
}

export function visibleText(html: string): string {
	let text = html.includes('<') ? html.replace(MARKUP, markupText) : html;
	if (text.includes('&')) {
		text = decodeReferences(text);
	}
	return /\s\s|[\t\n\r\f\u00a0]|^\s|\s$/.test(text) ? text.replace(SPACES, ' ').trim() : text;
}

/** Character references decoded as HTML decodes them in text; anything else left as written. */
export function decodeReferences(text: string): string {
	return decodeHTML(text);
}
