// The search language on its own: what Anki's syntax parses to (or, parentheses, implicit and,
// negation, field searches, added/rated/prop/re/nid/cid/note), the one-sentence errors for what
// it cannot understand, and a property: printing any tree and parsing it back gives the tree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	BROWSE_STATES,
	COMPARISONS,
	PROPS,
	type Leaf,
	type SearchNode
} from '$lib/domain/search/ast';
import { parseSearch } from '$lib/domain/search/parse';
import { printSearch } from '$lib/domain/search/print';

function parse(text: string): SearchNode {
	const parsed = parseSearch(text);
	if (!parsed.ok) {
		throw new Error(parsed.error);
	}
	return parsed.node;
}

function error(text: string): string {
	const parsed = parseSearch(text);
	if (parsed.ok) {
		throw new Error(`“${text}” parsed`);
	}
	return parsed.error;
}

const text = (pattern: string): Leaf => ({ kind: 'text', pattern });

describe('parseSearch: structure', () => {
	it('joins terms with an implicit and, keeps quoted phrases and matches everything when empty', () => {
		expect(parse(' Stalin  "Central Committee" ')).toEqual({
			kind: 'and',
			children: [text('Stalin'), text('Central Committee')]
		});
		expect(parse('')).toEqual({ kind: 'and', children: [] });
		expect(parse('  ""  ')).toEqual({ kind: 'and', children: [] });
		expect(parse('dog')).toEqual(text('dog'));
	});

	it('binds or looser than and, as Anki does, and groups with parentheses', () => {
		expect(parse('a b or c')).toEqual({
			kind: 'or',
			children: [{ kind: 'and', children: [text('a'), text('b')] }, text('c')]
		});
		expect(parse('dog (cat OR mouse)')).toEqual({
			kind: 'and',
			children: [text('dog'), { kind: 'or', children: [text('cat'), text('mouse')] }]
		});
		expect(parse('a and b')).toEqual(parse('a b'));
		expect(parse('(a or b) or c')).toEqual(parse('a or b or c'));
		expect(parse('"or"')).toEqual(text('or'));
	});

	it('negates terms and groups with a leading minus', () => {
		expect(parse('-(cat or mouse)')).toEqual({
			kind: 'not',
			child: { kind: 'or', children: [text('cat'), text('mouse')] }
		});
		expect(parse('-is:suspended -"two words" a-b')).toEqual({
			kind: 'and',
			children: [
				{ kind: 'not', child: { kind: 'is', state: 'suspended' } },
				{ kind: 'not', child: text('two words') },
				text('a-b')
			]
		});
		expect(parse('"-x"')).toEqual(text('-x'));
	});
});

describe('parseSearch: terms', () => {
	it('reads tag:, deck:, note:, is: and flag:, quoted either way', () => {
		expect(parse('tag:verbs deck:"History::October 1917" is:Due flag:3 note:Basic*')).toEqual({
			kind: 'and',
			children: [
				{ kind: 'tag', pattern: 'verbs' },
				{ kind: 'deck', pattern: 'History::October 1917' },
				{ kind: 'is', state: 'due' },
				{ kind: 'flag', flag: 3 },
				{ kind: 'note', pattern: 'Basic*' }
			]
		});
		expect(parse('"deck:My Deck"')).toEqual({ kind: 'deck', pattern: 'My Deck' });
	});

	it('reads field searches, with wildcards in the name and an optional regex', () => {
		expect(parse('front:dog')).toEqual({ kind: 'field', field: 'front', pattern: 'dog' });
		expect(parse('"fr*:a dog"')).toEqual({ kind: 'field', field: 'fr*', pattern: 'a dog' });
		expect(parse('back:')).toEqual({ kind: 'field', field: 'back', pattern: '' });
		expect(parse('front:re:^d.g$')).toEqual({ kind: 'field-re', field: 'front', source: '^d.g$' });
		expect(parse('10:30')).toEqual({ kind: 'field', field: '10', pattern: '30' });
		expect(parse('10\\:30')).toEqual(text('10:30'));
	});

	it('keeps wildcard escapes for the matcher and resolves the others', () => {
		expect(parse('a\\*b\\_c\\\\d')).toEqual(text('a\\*b\\_c\\\\d'));
		expect(parse('\\(x\\) \\"q\\"')).toEqual({ kind: 'and', children: [text('(x)'), text('"q"')] });
	});

	it('reads added:, rated:, prop:, re:, nid: and cid:', () => {
		expect(parse('added:7')).toEqual({ kind: 'added', days: 7 });
		expect(parse('rated:2')).toEqual({ kind: 'rated', days: 2 });
		expect(parse('rated:1:1')).toEqual({ kind: 'rated', days: 1, ease: 1 });
		expect(parse('prop:ivl>=10')).toEqual({ kind: 'prop', prop: 'ivl', op: '>=', value: 10 });
		expect(parse('prop:due=-1')).toEqual({ kind: 'prop', prop: 'due', op: '=', value: -1 });
		expect(parse('prop:s<2.5')).toEqual({ kind: 'prop', prop: 's', op: '<', value: 2.5 });
		expect(parse('"re:(a|b) c"')).toEqual({ kind: 're', source: '(a|b) c' });
		expect(parse('nid:a1,b2 cid:anki:7')).toEqual({
			kind: 'and',
			children: [
				{ kind: 'nid', ids: ['a1', 'b2'] },
				{ kind: 'cid', ids: ['anki:7'] }
			]
		});
	});
});

describe('parseSearch: newer terms', () => {
	it('reads is:leech, w:, nc:, dupe:, card:, preset:, edited:, introduced:, resched: and prop:r/pos', () => {
		expect(parse('is:leech')).toEqual({ kind: 'leech' });
		expect(parse('IS:Leech')).toEqual({ kind: 'leech' });
		expect(parse('w:dog*')).toEqual({ kind: 'word', pattern: 'dog*' });
		expect(parse('"w:two words"')).toEqual({ kind: 'word', pattern: 'two words' });
		expect(parse('nc:uber')).toEqual({ kind: 'nc', pattern: 'uber' });
		expect(parse('"dupe:basic,a, b: c"')).toEqual({
			kind: 'dupe',
			noteTypeId: 'basic',
			text: 'a, b: c'
		});
		expect(parse('dupe:basic,a\\*b\\\\c')).toEqual({
			kind: 'dupe',
			noteTypeId: 'basic',
			text: 'a*b\\c'
		});
		expect(parse('card:2')).toEqual({ kind: 'card', which: 2 });
		expect(parse('"card:Card 2"')).toEqual({ kind: 'card', which: 'Card 2' });
		expect(parse('card:rev*')).toEqual({ kind: 'card', which: 'rev*' });
		expect(parse('preset:"Slow learner"')).toEqual({ kind: 'preset', pattern: 'Slow learner' });
		expect(parse('edited:3 introduced:1 resched:30')).toEqual({
			kind: 'and',
			children: [
				{ kind: 'edited', days: 3 },
				{ kind: 'introduced', days: 1 },
				{ kind: 'resched', days: 30 }
			]
		});
		expect(parse('prop:r<0.9')).toEqual({ kind: 'prop', prop: 'r', op: '<', value: 0.9 });
		expect(parse('prop:pos>=10')).toEqual({ kind: 'prop', prop: 'pos', op: '>=', value: 10 });
		expect(parse('prop:reps=2')).toEqual({ kind: 'prop', prop: 'reps', op: '=', value: 2 });
	});
});

describe('parseSearch: errors', () => {
	it('explains in one sentence what it cannot understand', () => {
		const cases: [string, RegExp][] = [
			['lenin is:sleeping', /^“is:sleeping” is not a card state: use new, learning/],
			['flag:9', /^“flag:9” is not a flag: use a number from 0/],
			['tag:""', /^Write a name after tag:/],
			['(a or b', /^A “\(” is never closed/],
			['a) b', /^A “\)” has no “\(” before it/],
			['()', /^“\(\)” is empty/],
			['or a', /^“or” needs a search term on each side/],
			['a or', /^“or” needs a search term on each side/],
			['a and or b', /^“and” needs a search term on each side/],
			['-(', /^A “-” must be followed|never closed|empty/],
			['added:0', /^“added:0” needs a number of days/],
			['rated:1:5', /^“rated:1:5” should be rated:days/],
			['prop:ease>2', /^“prop:ease>2” cannot match: FSRS cards have no ease factor, so use prop:d/],
			['prop:pose>2', /^“prop:pose>2” is not a property test/],
			['is:leeches', /^“is:leeches” is not a card state: use new, .* or leech\./],
			['card:0', /^“card:0” needs a card number from 1 up/],
			['card:', /^Write a card number or template name after card:/],
			['dupe:basic', /^“dupe:basic” should be dupe:notetypeid,text/],
			['dupe:,dog', /^“dupe:,dog” should be dupe:notetypeid,text/],
			['w:', /^Write some text after w:/],
			['w:**', /^“w:\*\*” needs a word/],
			['nc:', /^Write some text after nc:/],
			['preset:', /^Write a name after preset:/],
			['edited:x', /^“edited:x” needs a number of days/],
			['introduced:0', /^“introduced:0” needs a number of days/],
			['resched:', /^“resched:” needs a number of days/],
			['"re:("', /^“re:\(” is not a valid regular expression/],
			['re:', /^Write a regular expression after re:/],
			['nid:,', /^“nid:,” needs one or more ids/],
			[':x', /needs a field name or keyword/]
		];
		for (const [input, message] of cases) {
			const sentence = error(input);
			expect(sentence, input).toMatch(message);
			expect(sentence.trim().endsWith('.'), input).toBe(true);
		}
	});
});

// Trees the parser can produce: non-empty patterns, field names that are not keywords, and
// and/or nodes of two or more children that are not themselves and/or of the same kind.
const KEYWORDS = [
	'tag',
	'deck',
	'note',
	'is',
	'flag',
	'added',
	'rated',
	'prop',
	're',
	'nid',
	'cid',
	'w',
	'nc',
	'card',
	'dupe',
	'edited',
	'introduced',
	'resched',
	'preset'
];
const chars = fc.constantFrom(...'aZ09 -:"()é*_'.split(''), '\\*', '\\_', '\\\\', '\t');
const pattern = fc.array(chars, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
const name = fc
	.stringMatching(/^[A-Za-z][A-Za-z0-9 *]{0,6}$/)
	.filter((n) => !KEYWORDS.includes(n.toLowerCase()));
const id = fc.stringMatching(/^[a-z0-9:-]{1,8}$/);
const source = fc.constantFrom('^a', 'b$', 'c.d', '(e|f) g', '\\d+', 'x y');

const leaf: fc.Arbitrary<Leaf> = fc.oneof(
	pattern.filter((p) => p.trim() === p || p.trim() !== '').map((p) => text(p)),
	fc.record({
		kind: fc.constant('field' as const),
		field: name,
		pattern: fc.oneof(pattern, fc.constant(''))
	}),
	fc.record({ kind: fc.constant('field-re' as const), field: name, source }),
	fc.record({ kind: fc.constant('re' as const), source }),
	fc.record({ kind: fc.constantFrom('tag' as const, 'deck' as const, 'note' as const), pattern }),
	fc.record({ kind: fc.constant('is' as const), state: fc.constantFrom(...BROWSE_STATES) }),
	fc.record({ kind: fc.constant('flag' as const), flag: fc.integer({ min: 0, max: 7 }) }),
	fc.record({ kind: fc.constant('added' as const), days: fc.integer({ min: 1, max: 999 }) }),
	fc.record(
		{
			kind: fc.constant('rated' as const),
			days: fc.integer({ min: 1, max: 99 }),
			ease: fc.integer({ min: 1, max: 4 })
		},
		{ requiredKeys: ['kind', 'days'] }
	),
	fc.record({
		kind: fc.constant('prop' as const),
		prop: fc.constantFrom(...PROPS),
		op: fc.constantFrom(...COMPARISONS),
		value: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom(0.5, 2.25))
	}),
	fc.record({
		kind: fc.constantFrom('nid' as const, 'cid' as const),
		ids: fc.array(id, { minLength: 1, maxLength: 3 })
	}),
	fc.record({ kind: fc.constantFrom('preset' as const, 'nc' as const), pattern }),
	fc.record({
		kind: fc.constant('word' as const),
		pattern: pattern.filter((p) => !/^[*\s]*$/.test(p))
	}),
	fc.constant({ kind: 'leech' as const }),
	fc.record({
		kind: fc.constant('dupe' as const),
		noteTypeId: id.filter((i) => !i.includes(',')),
		// Literal text: a wildcard is itself, a backslash one backslash.
		text: fc
			.array(fc.constantFrom(...'aZ 9,:"()*_\\é'.split('')), { maxLength: 6 })
			.map((a) => a.join(''))
	}),
	fc.record({
		kind: fc.constant('card' as const),
		which: fc.oneof(
			fc.integer({ min: 1, max: 30 }),
			name.filter((n) => !/^\d+$/.test(n))
		)
	}),
	fc.record({
		kind: fc.constantFrom('edited' as const, 'introduced' as const, 'resched' as const),
		days: fc.integer({ min: 1, max: 999 })
	})
);

const tree: fc.Arbitrary<SearchNode> = fc.letrec<{ node: SearchNode }>((tie) => ({
	node: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		leaf,
		fc.record({
			kind: fc.constantFrom('and' as const, 'or' as const),
			children: fc.array(tie('node'), { minLength: 2, maxLength: 3 })
		}),
		fc.record({ kind: fc.constant('not' as const), child: tie('node') })
	)
})).node;

/** The parser flattens nested and/or of the same kind; do the same to a generated tree. */
function flatten(node: SearchNode): SearchNode {
	if (node.kind === 'and' || node.kind === 'or') {
		const children = node.children
			.map(flatten)
			.flatMap((child) => (child.kind === node.kind ? child.children : [child]));
		return { kind: node.kind, children };
	}
	return node.kind === 'not' ? { kind: 'not', child: flatten(node.child) } : node;
}

describe('printSearch', () => {
	it('prints any tree as text that parses back to the same tree', () => {
		fc.assert(
			fc.property(tree, (node) => {
				const flat = flatten(node);
				expect(parse(printSearch(flat))).toEqual(flat);
			}),
			{ numRuns: 500 }
		);
	});

	it('prints readable text', () => {
		expect(printSearch(parse('dog (cat or "a mouse") -tag:x front:*y* prop:ivl>=3'))).toBe(
			'dog (cat or "a mouse") -tag:x front:*y* prop:ivl>=3'
		);
	});
});
