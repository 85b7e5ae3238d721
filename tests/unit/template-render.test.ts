// The template features issue #7 names, rendered as Anki renders them (rslib/src/template.rs and
// template_filters.rs): fields, FrontSide, sections that count `<br>` as empty and an image as
// content, the Tags/Deck/Subdeck/Card/Type specials, and the hint, text, type and cloze filters.
import { describe, expect, it } from 'vitest';
import { renderTemplate, stripHtml, type RenderContext } from '$lib/domain/template-render';

function ctx(fields: Record<string, string>, side: 'front' | 'back' = 'front'): RenderContext {
	return {
		fields,
		tags: ['verb', 'irregular'],
		deck: 'Languages::French',
		noteType: 'Vocabulary',
		cardName: 'Recognition',
		ord: 0,
		side
	};
}

describe('Anki templates', () => {
	it('fields and FrontSide: the back repeats the rendered front', () => {
		const fields = { Front: 'aller', Back: 'to go' };
		const front = renderTemplate('<div>{{Front}}</div>', ctx(fields));
		expect(front).toBe('<div>aller</div>');
		const back = renderTemplate('{{FrontSide}}<hr id=answer>{{ Back }}', {
			...ctx(fields, 'back'),
			frontSide: front
		});
		expect(back).toBe('<div>aller</div><hr id=answer>to go');
	});

	it('sections: {{#F}} shows with content, {{^F}} without; <br> alone is empty, an image is not', () => {
		const template = '{{#Extra}}[{{Extra}}]{{/Extra}}{{^Extra}}none{{/Extra}}';
		expect(renderTemplate(template, ctx({ Extra: '' }))).toBe('none');
		expect(renderTemplate(template, ctx({ Extra: ' <br> ' }))).toBe('none');
		expect(renderTemplate(template, ctx({ Extra: 'note' }))).toBe('[note]');
		expect(renderTemplate(template, ctx({ Extra: '<img src="a.png">' }))).toBe(
			'[<img src="a.png">]'
		);
		// A field the note type lacks is empty.
		expect(renderTemplate('{{#Missing}}x{{/Missing}}{{^Missing}}y{{/Missing}}', ctx({}))).toBe('y');
	});

	it('Tags, Deck, Subdeck, Card and Type', () => {
		expect(renderTemplate('{{Tags}}|{{Deck}}|{{Subdeck}}|{{Card}}|{{Type}}', ctx({}))).toBe(
			'verb irregular|Languages::French|French|Recognition|Vocabulary'
		);
	});

	it('hint: hidden until asked for; nothing for an empty field', () => {
		const out = renderTemplate('{{hint:Extra}}', ctx({ Extra: 'starts with a' }));
		expect(out).toBe('<details class="hint"><summary>Show hint</summary>starts with a</details>');
		expect(renderTemplate('{{hint:Extra}}', ctx({ Extra: '' }))).toBe('');
	});

	it('text: the field without HTML, entities decoded', () => {
		expect(renderTemplate('{{text:Front}}', ctx({ Front: '<b>aller</b> &amp; venir' }))).toBe(
			'aller & venir'
		);
	});

	it('type: an input on the front, the expected answer (plain, escaped) on the back', () => {
		const fields = { Front: 'aller', Back: 'to <b>go</b> & "leave"' };
		const front = renderTemplate('{{Front}} {{type:Back}}', ctx(fields));
		expect(front).toMatch(/^aller <input class="type-answer" type="text" /);
		const back = renderTemplate('{{type:Back}}', ctx(fields, 'back'));
		expect(back).toBe(
			'<div class="type-answer-expected" data-expected="to go &amp; &quot;leave&quot;">to go &amp; "leave"</div>'
		);
	});

	it('cloze: this card’s deletion hidden on the front and shown on the back; type:cloze expects it', () => {
		const fields = { Text: '{{c1::Paris}} is the capital of {{c2::France}}' };
		const front = renderTemplate('{{cloze:Text}}', ctx(fields));
		expect(stripHtml(front)).toBe('[…] is the capital of France');
		const back = renderTemplate('{{cloze:Text}}', ctx(fields, 'back'));
		expect(stripHtml(back)).toBe('Paris is the capital of France');
		expect(renderTemplate('{{type:cloze:Text}}', ctx(fields, 'back'))).toContain(
			'data-expected="Paris"'
		);
	});
});
