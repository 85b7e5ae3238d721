/**
 * A piece of HTML's text as a card shows it: what the user reads, not the markup. Regular
 * expressions, not a parser: search scans 100,000 notes with it in the browse worker, which has
 * no DOM. It follows the browser where that changes what is seen:
 * - comments, `<!…>`/`<?…>`, and the content of script, style, template and title are dropped;
 * - a tag ends at the first `>` outside quotes (`<img alt="a>b">` is all tag);
 * - a line break or a block's edge separates words, as the card lays them out (`a<div>b</div>`
 *   reads "a b", not "ab");
 * - runs of white space (no-break spaces included) read as one space.
 * Character references are decoded by the caller's `decode`, which must decode them as HTML
 * decodes text: search passes the `entities` package (visible-text.ts), the study card the
 * browser's own parser (components/card-text.ts), which keeps the package's tables out of it.
 */

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
function markupSpace(_markup: string, hidden?: string, tag?: string): string {
	return hidden || (tag && BLOCK.has(tag.toLowerCase())) ? ' ' : '';
}

export function markupText(html: string, decode: (text: string) => string): string {
	let text = html.includes('<') ? html.replace(MARKUP, markupSpace) : html;
	if (text.includes('&')) {
		text = decode(text);
	}
	return /\s\s|[\t\n\r\f\u00a0]|^\s|\s$/.test(text) ? text.replace(SPACES, ' ').trim() : text;
}
