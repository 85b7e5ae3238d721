/**
 * Character references decoded as Anki decodes them for a note's sort field and checksum
 * (rslib/src/text.rs `decode_entities`, through the `htmlescape` crate). That decoder is stricter
 * than a browser, and all-or-nothing: it knows only HTML 4's 252 names (no `&apos;`, no HTML 5
 * names), wants a `;` after every reference, reads `&#…;` and `&#x…;` (lower-case `x` only), and
 * on the first reference it cannot read it gives up and Anki keeps the whole text as it was. When
 * it succeeds, no-break spaces (U+00A0) become plain spaces. Matching it exactly is what makes
 * our `csum` equal Anki's, so a re-import finds its duplicates.
 */
import { decodeHTMLStrict } from 'entities/decode';

/** HTML 4.01's names (HTMLlat1, HTMLsymbol, HTMLspecial), the only ones Anki's decoder reads. */
const HTML4_NAMES = new Set(
	(
		'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg ' +
		'plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
		'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute ' +
		'Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml ' +
		'Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
		'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ' +
		'ugrave uacute ucirc uuml yacute thorn yuml ' +
		'fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi ' +
		'Rho Sigma Tau Upsilon Phi Chi Psi Omega alpha beta gamma delta epsilon zeta eta theta iota ' +
		'kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega thetasym ' +
		'upsih piv bull hellip prime Prime oline frasl weierp image real trade alefsym larr uarr ' +
		'rarr darr harr crarr lArr uArr rArr dArr hArr forall part exist empty nabla isin notin ni ' +
		'prod sum minus lowast radic prop infin ang and or cap cup int there4 sim cong asymp ne ' +
		'equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang ' +
		'rang loz spades clubs hearts diams ' +
		'quot amp lt gt OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm ' +
		'rlm ndash mdash lsquo rsquo sbquo ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro'
	).split(' ')
);

/** HTML 5 moved these two to other code points; HTML 4 (and Anki) keep the old ones. */
const HTML4_ONLY: Record<string, string> = { lang: '\u2329', rang: '\u232a' };

/** A number reference's inside: decimal, or hex after a lower-case `x`; at least one digit. */
const NUMBER = /^#(?:x([0-9a-f]+)|([0-9]+))$/i;

export function decodeAnkiEntities(text: string): string {
	let out = '';
	let from = 0;
	for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', from)) {
		// A reference runs to the first `;` after the character that follows `&`, whatever it is.
		const end = text.indexOf(';', amp + 2);
		const decoded = end < 0 ? undefined : reference(text.slice(amp + 1, end));
		if (decoded === undefined) {
			return text;
		}
		out += text.slice(from, amp) + decoded;
		from = end + 1;
	}
	// Anki replaces no-break spaces only when there was a reference to decode.
	return from === 0 ? text : (out + text.slice(from)).replaceAll('\u00a0', ' ');
}

/** The character for `&body;`, or undefined where Anki's decoder gives up. */
function reference(body: string): string | undefined {
	const number = NUMBER.exec(body);
	if (number) {
		if (number[1] !== undefined && body[1] !== 'x') {
			return undefined;
		}
		const n = number[1] !== undefined ? parseInt(number[1], 16) : parseInt(number[2]!, 10);
		const surrogate = n >= 0xd800 && n <= 0xdfff;
		return n <= 0x10ffff && !surrogate ? String.fromCodePoint(n) : undefined;
	}
	if (!HTML4_NAMES.has(body)) {
		return undefined;
	}
	return HTML4_ONLY[body] ?? decodeHTMLStrict(`&${body};`);
}
