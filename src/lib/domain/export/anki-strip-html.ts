/**
 * A field as the plain text Anki keeps for sorting and duplicate checks: rslib/src/text.rs
 * `strip_html_preserving_media_filenames`. Media tags become their file names between spaces,
 * comments and `<style>`/`<script>` go with their content, every other tag goes without a trace
 * (`<br>` too: no space), then references are decoded (anki-entities.ts). Nothing is trimmed.
 *
 * The patterns mean what Anki's mean (Rust's `regex` picks the same match as a backtracking
 * engine): `u` makes case folding and `\p{…}` Unicode's, and Rust's Unicode `\b` is spelled out
 * as look-arounds on its word characters, since JavaScript's `\b` knows only ASCII.
 */
import { decodeAnkiEntities } from './anki-entities';

const WORD = String.raw`[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]`;

/** Comments, style and script elements with their content, then any other tag. */
const HTML = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gisu;

/** Where a media tag may start. */
const MEDIA_OPEN = new RegExp(String.raw`<(?:img|audio|video|object|source)(?!${WORD})`, 'giu');

/** The `src`/`data` attribute that ends one: the name double-, single-quoted or bare. */
const MEDIA_SOURCE = new RegExp(
	String.raw`(?<!${WORD})(?:src|data)=` +
		String.raw`(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))`,
	'iuy'
);

export function stripHtmlPreservingMediaFilenames(html: string): string {
	return decodeAnkiEntities(replaceMediaTags(html).replace(HTML, ''));
}

/** Each media tag with a source, replaced by ` name `, leftmost first, as Anki's `replace_all`. */
function replaceMediaTags(html: string): string {
	const failed = new Set<number>();
	let out = '';
	let from = 0;
	MEDIA_OPEN.lastIndex = 0;
	for (let open = MEDIA_OPEN.exec(html); open; open = MEDIA_OPEN.exec(html)) {
		const found = mediaSource(html, MEDIA_OPEN.lastIndex, failed);
		if (found) {
			out += `${html.slice(from, open.index)} ${found.name} `;
			from = MEDIA_OPEN.lastIndex = found.end;
		} else {
			MEDIA_OPEN.lastIndex = open.index + 1;
		}
	}
	return out + html.slice(from);
}

/**
 * Anki's pattern between the tag name and the source is `(?:[^>]|"[^"]+?"|'[^']+?')+?`: one
 * or more characters other than `>`, or quoted strings (which may hold `>`, and so run past the
 * tag's end). A backtracking engine tries that in exponential time when there is no source, so
 * this walks the same choices in the same order, depth first, and remembers the positions from
 * which no source can be reached (`failed`, valid for the whole text: each choice moves forward).
 */
function mediaSource(
	html: string,
	afterName: number,
	failed: Set<number>
): { name: string; end: number } | undefined {
	// The first step is required; after it, each position first tries the source itself.
	const stack = steps(html, afterName).reverse();
	for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
		if (failed.has(at)) {
			continue;
		}
		failed.add(at);
		MEDIA_SOURCE.lastIndex = at;
		const source = MEDIA_SOURCE.exec(html);
		if (source) {
			return { name: source[1] ?? source[2] ?? source[3]!, end: MEDIA_SOURCE.lastIndex };
		}
		stack.push(...steps(html, at).reverse());
	}
	return undefined;
}

/** Where one step from `at` can go, in the order the pattern tries them. */
function steps(html: string, at: number): number[] {
	const next: number[] = [];
	const char = html[at];
	if (char === undefined) {
		return next;
	}
	if (char !== '>') {
		next.push(at + 1);
	}
	if (char === '"' || char === "'") {
		const close = html.indexOf(char, at + 1);
		if (close > at + 1) {
			next.push(close + 1);
		}
	}
	return next;
}
