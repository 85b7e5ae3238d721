// The sort field text and checksum we write into an .apkg (notes.sfld, notes.csum) are the ones
// Anki computes (rslib/src/notes/mod.rs normalize_field, rslib/src/text.rs
// strip_html_preserving_media_filenames, then the first 4 bytes of SHA-1 as a big-endian number:
// rslib/src/notes/mod.rs field_checksum), so Anki's duplicate check finds our notes. Each case
// gives the text Anki's rules make of the field; the checksum is worked out here from that text
// with node:crypto, independently of the code under test.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAnkiEntities } from '$lib/domain/export/anki-entities';
import { stripHtmlPreservingMediaFilenames } from '$lib/domain/export/anki-strip-html';
import {
	fieldChecksum,
	noteSortAndChecksum,
	sortFieldText
} from '$lib/domain/export/note-checksum';

function sha1Prefix(text: string): number {
	return createHash('sha1').update(text, 'utf8').digest().readUInt32BE(0);
}

const CASES: { rule: string; html: string; text: string }[] = [
	// HTML regex: every tag is removed with nothing in its place, <br> included.
	{ rule: '<br> leaves no space', html: 'one<br>two<br/>three', text: 'onetwothree' },
	{ rule: 'tags removed, text kept', html: '<b>bold</b> <i>it</i>', text: 'bold it' },
	// field_checksum hashes the stripped text as it is: no trim.
	{ rule: 'no trim', html: ' padded\n', text: ' padded\n' },
	{ rule: 'comments go whole', html: 'a<!-- 1 > 2 -->b', text: 'ab' },
	{ rule: 'style content goes', html: 'a<style>b > c {}</style>d', text: 'ad' },
	{ rule: 'script content goes', html: 'a<SCRIPT>if (x > 1) y()</script>b', text: 'ab' },
	{ rule: 'tags are case-insensitive, span lines', html: '<DIV\nclass=x>a</DIV>', text: 'a' },
	// HTML_MEDIA_TAGS: img/audio/video/object/source become " name ".
	{ rule: 'img src, double quotes', html: 'see <img src="a b.png">', text: 'see  a b.png ' },
	{ rule: 'img src, single quotes', html: "<img src='c.jpg' alt=x>", text: ' c.jpg ' },
	{ rule: 'img src, bare, then attributes', html: '<img src=d.gif width=3>', text: ' d.gif ' },
	{ rule: 'img src, bare, tag ends', html: '<IMG SRC=e.gif>', text: ' e.gif ' },
	{ rule: 'audio src', html: '<audio controls src="f.mp3"></audio>', text: ' f.mp3 ' },
	{ rule: 'video with source', html: '<video><source src="g.mp4"></video>', text: ' g.mp4 ' },
	{ rule: 'object data', html: '<object data="h.svg"></object>', text: ' h.svg ' },
	{ rule: '> inside a quoted attribute', html: '<img alt="a>b" src="i.png">', text: ' i.png ' },
	{
		rule: 'the first src= wins, even inside a quoted value',
		html: '<img alt="src=p.png>" src="q.png">',
		text: ' p.png " src="q.png">'
	},
	{ rule: 'src needs a word boundary before it', html: '<img xsrc="j.png">k', text: 'k' },
	{ rule: 'data-src still holds src=', html: '<img data-src="l.png">', text: ' l.png ' },
	{ rule: 'Unicode \\b after the tag name', html: '<imgé src="m.png">n', text: 'n' },
	{ rule: '[sound:] stays as text', html: '[sound:o.mp3]', text: '[sound:o.mp3]' },
	{
		rule: 'no source: no exponential search over later quotes',
		html: '<img alt="x">' + '"q" '.repeat(40),
		text: '"q" '.repeat(40)
	},
	// decode_entities (htmlescape): HTML 4 names and numbers, after the tags are gone.
	{ rule: 'HTML 4 names', html: '&eacute;t&eacute; &euro;&hellip;', text: 'été €…' },
	{ rule: 'numbers, decimal and hex', html: '&#233;&#x41;&#x1F600;', text: 'éA😀' },
	{ rule: 'escaped tags are text', html: '&lt;b&gt;x&lt;/b&gt;', text: '<b>x</b>' },
	{ rule: 'nbsp becomes a space', html: 'a&nbsp;b\u00a0c', text: 'a b c' },
	{ rule: 'HTML 4 lang/rang, not HTML 5', html: '&lang;x&rang;', text: '\u2329x\u232a' },
	{ rule: 'no & in the text: U+00A0 stays', html: 'a\u00a0b', text: 'a\u00a0b' },
	{
		rule: 'one bad reference keeps all',
		html: 'Tom & Jerry &amp; co',
		text: 'Tom & Jerry &amp; co'
	},
	{ rule: '&apos; is not HTML 4', html: '&apos;s &amp;', text: '&apos;s &amp;' },
	{ rule: 'upper-case X is not read', html: '&#X41;&amp;', text: '&#X41;&amp;' },
	{ rule: 'names are case-sensitive', html: '&AMP;&amp;', text: '&AMP;&amp;' },
	{ rule: 'a surrogate is not a character', html: '&#xD800;&amp;', text: '&#xD800;&amp;' },
	{ rule: 'a reference needs its ;', html: '&amp', text: '&amp' },
	// normalize_field, before any of that: ASCII controls but tab and newline go, then NFC.
	{ rule: 'NFC: a combining accent joins its letter', html: 'cafe\u0301', text: 'caf\u00e9' },
	{ rule: 'NFC inside markup too', html: '<b>A\u030a</b>ngstr\u00f6m', text: '\u00c5ngstr\u00f6m' },
	{ rule: 'NFC before references are decoded', html: 'e&#x301;&amp;', text: 'e\u0301&' },
	{
		rule: 'control characters go, tab and newline stay',
		html: 'a\x00b\x07c\rd\te\nf\x1fg\x7fh\x80',
		text: 'abcd\te\nfgh\x80'
	}
];

describe("note sort field and checksum as Anki's", () => {
	it.each(CASES)('$rule', async ({ html, text }) => {
		expect(sortFieldText(html)).toBe(text);
		expect(await fieldChecksum(html)).toBe(sha1Prefix(text));
	});

	it('sfld comes from the sort field, csum always from the first field', async () => {
		const fields = ['<i>first</i>', 'second\x01', 'thi\u0301rd'];
		expect(await noteSortAndChecksum(fields, 2)).toEqual({
			sortField: 'th\u00edrd',
			checksum: sha1Prefix('first')
		});
		expect(await noteSortAndChecksum(fields, 1)).toEqual({
			sortField: 'second',
			checksum: sha1Prefix('first')
		});
		// A sort field the note lacks sorts as empty text, as rslib's `unwrap_or("")`.
		expect((await noteSortAndChecksum(fields, 5)).sortField).toBe('');
	});
});

// Anki's media pattern transcribed as it is: right, but exponential without a source, so it is
// only run on short texts here, to show the linear walk finds the very same matches.
const ANKI_MEDIA_TAGS = new RegExp(
	String.raw`<(?:img|audio|video|object|source)(?![\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])` +
		String.raw`(?:[^>]|"[^"]+?"|'[^']+?')+?(?<![\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}])` +
		String.raw`(?:src|data)=(?:"([^"]+?)"[^>]*>|'([^']+?)'[^>]*>|([^ >]+?)(?: [^>]*>|>))`,
	'giu'
);
const ANKI_HTML = /<!--.*?-->|<style.*?>.*?<\/style>|<script.*?>.*?<\/script>|<.*?>/gisu;

describe('media names', () => {
	it('match the pattern Anki uses, on any mix of tags, quotes and attributes', () => {
		const token = fc.constantFrom(
			...['<img', '<IMG', '<source', '<video>', '<b>', ' src=', ' data=', 'SRC=', ' alt='].concat([
				'"',
				'"',
				"'",
				'>',
				'>',
				' ',
				'x',
				'a.png',
				'é',
				'-',
				'"src=y>"',
				'&amp;'
			])
		);
		fc.assert(
			fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
				const html = tokens.join('');
				const anki = decodeAnkiEntities(
					html.replace(ANKI_MEDIA_TAGS, ' $1$2$3 ').replace(ANKI_HTML, '')
				);
				expect(stripHtmlPreservingMediaFilenames(html)).toBe(anki);
			}),
			{ numRuns: 2000 }
		);
	});
});
