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
 * - character references are decoded, HTML 4's named ones included (`&hellip;`, `&eacute;`), and
 *   an unknown name stays as written, as the browser shows it;
 * - runs of white space (no-break spaces included) read as one space.
 */
import { NAMED_REFERENCES } from './named-references';

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
const REFERENCE = /&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi;
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

/** `&amp;`, `&#233;`, `&#xE9;` and named references decoded; anything else left as written. */
export function decodeReferences(text: string): string {
	return text.replace(REFERENCE, (whole, code: string) => {
		if (code[0] === '#') {
			const hex = code[1] === 'x' || code[1] === 'X';
			const n = hex ? parseInt(code.slice(2), 16) : Number(code.slice(1));
			return String.fromCodePoint(numericPoint(n));
		}
		const point = NAMED_REFERENCES.get(code);
		return point === undefined ? whole : String.fromCodePoint(point);
	});
}

/** Windows-1252's characters for `&#128;` to `&#159;`, as HTML reads them (0: left as is). */
const WINDOWS_1252 = [
	0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0,
	0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
	0x153, 0, 0x17e, 0x178
];

/** The code point a numeric reference shows: U+FFFD for 0, surrogates and past Unicode. */
function numericPoint(n: number): number {
	if (n === 0 || n >= 0x110000 || (n >= 0xd800 && n <= 0xdfff) || !Number.isFinite(n)) {
		return 0xfffd;
	}
	return n >= 0x80 && n <= 0x9f ? WINDOWS_1252[n - 0x80] || n : n;
}
