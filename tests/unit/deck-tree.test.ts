import { describe, expect, it } from 'vitest';
import { buildDeckTree, visibleNodes, type DeckCounts } from '$lib/domain/deck-tree';

const counts = (n: number): DeckCounts => ({
	new: n,
	learning: 1,
	review: 2 * n,
	total: 10 * n,
	reviewedToday: 0
});

describe('buildDeckTree', () => {
	const tree = buildDeckTree([
		{ id: 'b', name: 'History::Russia', counts: counts(2) },
		{ id: 'a', name: 'History', counts: counts(1) },
		{ id: 'c', name: 'Languages::French::Verbs', counts: counts(3) },
		{ id: 'd', name: 'Art', counts: counts(4) }
	]);

	it('nests decks by their :: path and sorts siblings by name', () => {
		expect(tree.map((n) => n.label)).toEqual(['Art', 'History', 'Languages']);
		expect(tree[1]!.children.map((n) => n.path)).toEqual(['History::Russia']);
		expect(tree[2]!.children[0]!.children[0]!.label).toBe('Verbs');
	});

	it('a real parent deck keeps its own due counts (they include its subdecks) and adds up card totals', () => {
		expect(tree[1]!.counts).toEqual({
			new: 1,
			learning: 1,
			review: 2,
			total: 30,
			reviewedToday: 0
		});
	});

	it('a parent that is only a prefix adds up its children', () => {
		const parent = buildDeckTree([
			{ id: 'x', name: 'Lang::French', counts: counts(2) },
			{ id: 'y', name: 'Lang::German', counts: { ...counts(1), reviewedToday: 4 } }
		])[0]!;
		expect(parent.deckId).toBeUndefined();
		expect(parent.counts).toEqual({ new: 3, learning: 2, review: 6, total: 30, reviewedToday: 4 });
	});

	it('creates nodes without a deck for implied parents', () => {
		const languages = tree[2]!;
		expect(languages.deckId).toBeUndefined();
		expect(languages.children[0]!.deckId).toBeUndefined();
		expect(languages.children[0]!.children[0]!.deckId).toBe('c');
		expect(languages.counts.new).toBe(3);
	});

	it('hides the children of collapsed nodes', () => {
		const all = visibleNodes(tree, new Set()).map((n) => n.path);
		expect(all).toEqual([
			'Art',
			'History',
			'History::Russia',
			'Languages',
			'Languages::French',
			'Languages::French::Verbs'
		]);
		const some = visibleNodes(tree, new Set(['Languages', 'History::Russia'])).map((n) => n.path);
		expect(some).toEqual(['Art', 'History', 'History::Russia', 'Languages']);
	});
});
