/**
 * Renders Anki-style card templates: `{{Field}}`, `{{FrontSide}}`, `{{#F}}…{{/F}}`, `{{^F}}…{{/F}}`,
 * `{{cloze:F}}`, `{{text:F}}`, `{{hint:F}}`, `{{type:F}}`, `{{Tags}}`, `{{Deck}}`, `{{Card}}`, and the
 * `{{=<% %>=}}` delimiter change (template-delimiters.ts).
 * Output is HTML built from (untrusted) field HTML: the UI must sanitise it before display.
 */
import { clozeAnswers, renderCloze } from './cloze';
import { withStandardDelimiters } from './template-delimiters';

export interface RenderContext {
	fields: Record<string, string>;
	tags: string[];
	deck: string;
	noteType: string;
	cardName: string;
	/** 0-based template ordinal, or cloze number - 1. */
	ord: number;
	side: 'front' | 'back';
	/** The rendered front, for `{{FrontSide}}` on the back. */
	frontSide?: string;
}

const SECTION = /\{\{([#^])\s*([^}]+?)\s*\}\}([\s\S]*?)\{\{\/\s*\2\s*\}\}/g;
const TAG = /\{\{\s*([^}]+?)\s*\}\}/g;

export function renderTemplate(template: string, ctx: RenderContext): string {
	return replaceTags(expandSections(withStandardDelimiters(template), ctx), ctx);
}

function expandSections(template: string, ctx: RenderContext): string {
	let previous: string;
	let out = template;
	// Repeat so nested sections of different fields expand too.
	do {
		previous = out;
		out = out.replace(SECTION, (_m, kind: string, name: string, body: string) => {
			const present = isNonEmpty(lookup(name, ctx));
			return (kind === '#') === present ? body : '';
		});
	} while (out !== previous);
	return out;
}

function replaceTags(template: string, ctx: RenderContext): string {
	return template.replace(TAG, (_m, tag: string) => {
		const parts = tag.split(':');
		const name = parts.pop()!.trim();
		const filters = parts.map((f) => f.trim());
		return applyFilters(filters, name, ctx);
	});
}

function lookup(name: string, ctx: RenderContext): string {
	switch (name) {
		case 'FrontSide':
			return ctx.frontSide ?? '';
		case 'Tags':
			return ctx.tags.join(' ');
		case 'Deck':
			return ctx.deck;
		case 'Subdeck':
			return ctx.deck.split('::').at(-1) ?? '';
		case 'Type':
			return ctx.noteType;
		case 'Card':
			return ctx.cardName;
		default:
			return ctx.fields[name] ?? '';
	}
}

function applyFilters(filters: string[], name: string, ctx: RenderContext): string {
	const value = lookup(name, ctx);
	if (filters.includes('type')) {
		return typeAnswer(filters, value, ctx);
	}
	let out = value;
	// Filters apply right to left, as in Anki: {{text:cloze:Field}} = text(cloze(Field)).
	for (const filter of [...filters].reverse()) {
		out = applyFilter(filter, out, ctx);
	}
	return out;
}

function applyFilter(filter: string, value: string, ctx: RenderContext): string {
	switch (filter) {
		case 'cloze':
			return renderCloze(value, ctx.ord + 1, ctx.side);
		case 'text':
			return stripHtml(value);
		case 'hint':
			return value ? `<details class="hint"><summary>Show hint</summary>${value}</details>` : '';
		case 'furigana':
		case 'kana':
		case 'kanji':
			return furigana(filter, value);
		default:
			// Unknown filters (add-ons) leave the text as it is.
			return value;
	}
}

/** `{{type:Field}}`: an input on the front; on the back, the expected answer to compare with. */
function typeAnswer(filters: string[], value: string, ctx: RenderContext): string {
	const expected = filters.includes('cloze')
		? clozeAnswers(value, ctx.ord + 1).join(', ')
		: stripHtml(value);
	if (ctx.side === 'front') {
		return '<input class="type-answer" type="text" aria-label="Type the answer" autocomplete="off" autocapitalize="off" spellcheck="false">';
	}
	return `<div class="type-answer-expected" data-expected="${escapeAttr(expected)}">${escapeHtml(expected)}</div>`;
}

function furigana(filter: string, value: string): string {
	const RUBY = / ?([^ >]+?)\[(.+?)\]/g;
	if (filter === 'kanji') {
		return value.replace(RUBY, '$1');
	}
	if (filter === 'kana') {
		return value.replace(RUBY, '$2');
	}
	return value.replace(RUBY, '<ruby><rb>$1</rb><rt>$2</rt></ruby>');
}

export function isNonEmpty(html: string): boolean {
	return stripHtml(html).trim().length > 0 || /<img\b/i.test(html);
}

export function stripHtml(html: string): string {
	return decodeEntities(html.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ''));
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' '
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, code: string) => {
		if (code[0] === '#') {
			const n =
				code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
			return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
		}
		return ENTITIES[code.toLowerCase()] ?? m;
	});
}

export function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(text: string): string {
	return escapeHtml(text).replace(/"/g, '&quot;');
}
