// Anki's `{{=<% %>=}}` delimiter change, checked against what rslib/src/template.rs does: honoured
// only at the start of a template (after white space), where `<%…%>` become the tags and `{{…}}`
// is plain text; anywhere else the directive is an unknown tag and nothing changes.
import { describe, expect, it } from 'vitest';
import { cardOrdinals } from '$lib/domain/card-generation';
import type { NoteTypeRecord } from '$lib/domain/model';
import { withStandardDelimiters } from '$lib/domain/template-delimiters';
import { renderTemplate, stripHtml, type RenderContext } from '$lib/domain/template-render';

function ctx(fields: Record<string, string>, side: 'front' | 'back' = 'front'): RenderContext {
	return { fields, tags: ['t1'], deck: 'D', noteType: 'N', cardName: 'Card 1', ord: 0, side };
}

const legacyType = (front: string, kind: 'standard' | 'cloze' = 'standard'): NoteTypeRecord => ({
	id: 'legacy',
	name: 'Legacy',
	kind,
	fields: kind === 'cloze' ? ['Text', 'Extra'] : ['Front', 'Back'],
	templates: [{ name: 'Card 1', front, back: '{{=<% %>=}}<%FrontSide%><hr><%Back%>' }],
	css: '',
	mtime: 0
});

describe('the {{=<% %>=}} delimiter change', () => {
	it('rewrites rslib test_alt_syntax to standard tags, dropping the directive and leading space', () => {
		expect(withStandardDelimiters('\n{{=<% %>=}}\n<%Front%>\n<% #Back %>\n<%/Back%>')).toBe(
			'\n{{Front}}\n{{ #Back }}\n{{/Back}}'
		);
	});

	it('renders fields, filters and sections written with <% %>', () => {
		const template =
			'{{=<% %>=}}<%Front%><%#Back%> / <%text:Back%><%/Back%><%^Back%> (none)<%/Back%>';
		expect(renderTemplate(template, ctx({ Front: 'hola', Back: '<b>hi</b>' }))).toBe('hola / hi');
		expect(renderTemplate(template, ctx({ Front: 'hola', Back: '' }))).toBe('hola (none)');
	});

	it('shows {{…}} in such a template as text, as Anki does, without rendering the field', () => {
		const out = renderTemplate('{{=<% %>=}}<%Front%> {{Front}}', ctx({ Front: 'x' }));
		expect(out).not.toContain('{{');
		expect(stripHtml(out)).toBe('x {{Front}}');
	});

	it('is not a delimiter change anywhere but the start: <% %> stay text', () => {
		const out = renderTemplate('Q: {{=<% %>=}}<%Front%> {{Front}}', ctx({ Front: 'x' }));
		expect(out).toBe('Q: <%Front%> x');
		expect(withStandardDelimiters('<p>{{=<% %>=}}<%Front%></p>')).toBe(
			'<p>{{=<% %>=}}<%Front%></p>'
		);
	});

	it('leaves an unclosed <% as text', () => {
		expect(renderTemplate('{{=<% %>=}}<%Front%> 5 <% 6', ctx({ Front: 'x' }))).toBe('x 5 <% 6');
	});

	it('decides which cards a note makes from the rewritten template, cloze included', () => {
		const basic = legacyType('{{=<% %>=}}<%Front%>');
		expect(cardOrdinals(basic, { Front: 'a', Back: 'b' })).toEqual([0]);
		expect(cardOrdinals(basic, { Front: '', Back: 'b' })).toEqual([]);
		const cloze = legacyType('{{=<% %>=}}<%cloze:Text%>', 'cloze');
		expect(cardOrdinals(cloze, { Text: '{{c1::a}} {{c3::b}}', Extra: '' })).toEqual([0, 2]);
	});

	it('renders the back with FrontSide and a cloze answer', () => {
		const type = legacyType('{{=<% %>=}}<%cloze:Text%>', 'cloze');
		const fields = { Text: 'The {{c1::Neva}} flows', Extra: '' };
		const front = renderTemplate(type.templates[0]!.front, ctx(fields));
		expect(stripHtml(front)).toBe('The […] flows');
		const back = renderTemplate(type.templates[0]!.back, {
			...ctx({ ...fields, Back: 'Petrograd' }, 'back'),
			frontSide: front
		});
		expect(back).toBe(`${front}<hr>Petrograd`);
	});
});
