// What a search and the browser's columns see of a field: the text the card shows. The
// expectations are what Chromium's innerText gives for the same markup (white space runs read
// as one space), checked by hand against the browser when written.
import { describe, expect, it } from 'vitest';
import { decodeReferences, visibleText } from '$lib/domain/search/visible-text';

describe('visibleText', () => {
	it.each([
		['<div class="x">hello</div><span style="color:red">a&nbsp;b</span>', 'hello a b'],
		['x&hellip;<!-- div --> <img src="a.jpg" alt="q>w"> end', 'x… end'],
		['a<div>b</div>c', 'a b c'],
		['a<br>b<br/>c', 'a b c'],
		['<b>bo</b>ld', 'bold'],
		['one  two\n three', 'one two three'],
		['<style>.card { color: red }</style>Visible', 'Visible'],
		['<script>var div = 1;</script>shown', 'shown'],
		['a < b and c > d', 'a < b and c > d'],
		['x <!-- unclosed', 'x'],
		['<ul><li>one</li><li>two</li></ul>', 'one two'],
		['&lt;div&gt; literal', '<div> literal'],
		['&amp;nbsp; shown', '&nbsp; shown'],
		['caf&eacute; &#233; &#xe9; &#150; x', 'café é é – x'],
		["<a href='x\">y'>link</a>", 'link'],
		['<table><tr><td>c1</td><td>c2</td></tr></table>', 'c1 c2'],
		['<font color="#ff0000">red</font>', 'red'],
		['<img src="x.png">', ''],
		['&unknown; &EACUTE;', '&unknown; &EACUTE;'],
		['plain words', 'plain words']
	])('%j reads %j', (html, text) => {
		expect(visibleText(html)).toBe(text);
	});
});

describe('decodeReferences', () => {
	it('decodes HTML’s names case-sensitively, and the upper-case spellings browsers accept', () => {
		expect(decodeReferences('&Eacute;&eacute;&Sigma;&sigmaf;&AMP;&lang;')).toBe('ÉéΣς&⟨');
	});

	it('decodes HTML 5’s names and the legacy ones a browser reads without a semicolon', () => {
		expect(decodeReferences('&check; &rarrw; &NotEqual; &copy 2024 &amp x')).toBe(
			'✓ ↝ ≠ © 2024 & x'
		);
	});

	it('reads numeric references as HTML does: Windows-1252 for 128–159, U+FFFD for the impossible', () => {
		expect(decodeReferences('&#146;&#x80;&#0;&#xD800;&#x110000;&#x1F600;')).toBe(
			'’€\ufffd\ufffd\ufffd😀'
		);
	});
});
