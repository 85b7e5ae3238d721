/**
 * Writes a search tree back as text that parses to the same tree: the filter menus add their
 * terms this way, and the round trip is how the parser is property-tested.
 */
import type { Leaf, SearchNode } from './ast';

export function printSearch(node: SearchNode): string {
	switch (node.kind) {
		case 'and':
			return node.children.map((child) => group(child, child.kind === 'or')).join(' ');
		case 'or':
			return node.children.map((child) => printSearch(child)).join(' or ');
		case 'not':
			return `-${group(node.child, node.child.kind === 'and' || node.child.kind === 'or')}`;
		default:
			return printLeaf(node);
	}
}

function group(node: SearchNode, parenthesise: boolean): string {
	return parenthesise ? `(${printSearch(node)})` : printSearch(node);
}

function printLeaf(leaf: Leaf): string {
	switch (leaf.kind) {
		case 'text':
			return quote(escape(leaf.pattern, ':'));
		case 'field':
			// A pattern that itself starts with "re:" must not read as a regex search.
			return quote(`${escape(leaf.field, ':')}:${escape(leaf.pattern).replace(/^re:/, 're\\:')}`);
		case 'field-re':
			return quote(`${escape(leaf.field, ':')}:re:${escape(leaf.source)}`);
		case 're':
			return quote(`re:${escape(leaf.source)}`);
		case 'tag':
		case 'deck':
		case 'note':
		case 'preset':
		case 'nc':
			return quote(`${leaf.kind}:${escape(leaf.pattern)}`);
		case 'word':
			return quote(`w:${escape(leaf.pattern)}`);
		case 'is':
			return `is:${leaf.state}`;
		case 'leech':
			return 'is:leech';
		case 'card':
			return quote(`card:${typeof leaf.which === 'number' ? leaf.which : escape(leaf.which)}`);
		case 'dupe':
			// The text is literal: only a backslash needs escaping to stay one.
			return quote(`dupe:${escape(leaf.noteTypeId)},${escape(leaf.text.replaceAll('\\', '\\\\'))}`);
		case 'flag':
			return `flag:${leaf.flag}`;
		case 'added':
		case 'edited':
		case 'introduced':
		case 'resched':
			return `${leaf.kind}:${leaf.days}`;
		case 'rated':
			return `rated:${leaf.days}${leaf.ease === undefined ? '' : `:${leaf.ease}`}`;
		case 'prop':
			return `prop:${leaf.prop}${leaf.op}${leaf.value}`;
		case 'nid':
		case 'cid':
			return quote(`${leaf.kind}:${leaf.ids.join(',')}`);
	}
}

/** Escapes quotes, plus `extra` characters that would otherwise mean syntax. */
function escape(text: string, extra = ''): string {
	let out = '';
	for (const char of text) {
		out += char === '"' || extra.includes(char) ? `\\${char}` : char;
	}
	return out;
}

/** Quotes a term when spaces, parentheses, a leading `-` or a bare and/or would break it up. */
function quote(term: string): string {
	const needs = /[\s()]/.test(term) || term.startsWith('-') || /^(or|and)$/i.test(term);
	return needs ? `"${term}"` : term;
}
