/**
 * The card browser's search language as a tree, after Anki's (docs.ankiweb.net/searching.html):
 * terms side by side must all hold, `or` offers alternatives and binds looser than the implicit
 * `and`, parentheses group, and a leading `-` negates a term or a group.
 *
 * Text patterns keep Anki's wildcard escapes as typed: `*` is any run of characters, `_` any one,
 * and `\*`, `\_`, `\\` are the characters themselves (see glob.ts). Every other escape and all
 * quoting is resolved by the parser, so two searches that mean the same thing give equal trees.
 */
export const BROWSE_STATES = ['new', 'learning', 'review', 'due', 'suspended', 'buried'] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];

/**
 * Card properties `prop:` compares; `s` and `d` are FSRS stability (days) and difficulty (0–1,
 * as Anki shows and searches it), `r` the retrievability now (0–1), `pos` a new card's position.
 */
export const PROPS = ['ivl', 'due', 'reps', 'lapses', 's', 'd', 'r', 'pos'] as const;
export type Prop = (typeof PROPS)[number];

export const COMPARISONS = ['<=', '>=', '!=', '<', '>', '='] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Leaf =
	/** Anywhere in the note's fields (HTML stripped), ignoring case. */
	| { kind: 'text'; pattern: string }
	/** A whole field whose name matches `field` equals the pattern (with wildcards). */
	| { kind: 'field'; field: string; pattern: string }
	/** A field whose name matches `field` matches the regular expression. */
	| { kind: 'field-re'; field: string; source: string }
	/** Any field matches the regular expression, ignoring case. */
	| { kind: 're'; source: string }
	| { kind: 'tag'; pattern: string }
	| { kind: 'deck'; pattern: string }
	/** The note type's name. */
	| { kind: 'note'; pattern: string }
	| { kind: 'is'; state: BrowseState }
	| { kind: 'flag'; flag: number }
	/** Notes added in the last `days` study days (1 = today). */
	| { kind: 'added'; days: number }
	/** Cards answered in the last `days` study days, with that grade (1–4) if given. */
	| { kind: 'rated'; days: number; ease?: number }
	| { kind: 'prop'; prop: Prop; op: Comparison; value: number }
	| { kind: 'nid'; ids: string[] }
	| { kind: 'cid'; ids: string[] }
	/** `w:` the pattern as a whole word (wildcards may extend it), ignoring case. */
	| { kind: 'word'; pattern: string }
	/** `nc:` text anywhere, ignoring case and combining marks (accents): `nc:uber` finds über. */
	| { kind: 'nc'; pattern: string }
	/** `is:leech`: tagged leech, or lapsed as often as its preset's leech threshold or more. */
	| { kind: 'leech' }
	/** `dupe:`: notes of that note type whose first field, HTML stripped, is the text. */
	| { kind: 'dupe'; noteTypeId: string; text: string }
	/** `card:`: the card's template by number (1 = the first; a cloze number) or by name. */
	| { kind: 'card'; which: number | string }
	/** Notes edited in the last `days` study days. */
	| { kind: 'edited'; days: number }
	/** Cards answered for the first time in the last `days` study days. */
	| { kind: 'introduced'; days: number }
	/** Cards rescheduled by hand (reset, set due date) in the last `days` study days. */
	| { kind: 'resched'; days: number }
	/** Cards whose deck uses a preset of that name. */
	| { kind: 'preset'; pattern: string };

/** Leaves answered from the reviews alone, never from a card or note record. */
export type ReviewLeaf = Extract<Leaf, { kind: 'rated' | 'introduced' | 'resched' }>;

export function isReviewLeaf(leaf: Leaf): leaf is ReviewLeaf {
	return leaf.kind === 'rated' || leaf.kind === 'introduced' || leaf.kind === 'resched';
}

export type SearchNode =
	| Leaf
	| { kind: 'and'; children: SearchNode[] }
	| { kind: 'or'; children: SearchNode[] }
	| { kind: 'not'; child: SearchNode };

/** The search that matches every card. */
export const MATCH_ALL: SearchNode = { kind: 'and', children: [] };

export function isLeaf(node: SearchNode): node is Leaf {
	return node.kind !== 'and' && node.kind !== 'or' && node.kind !== 'not';
}

/** Every leaf of the tree, in order. */
export function leavesOf(node: SearchNode): Leaf[] {
	switch (node.kind) {
		case 'and':
		case 'or':
			return node.children.flatMap(leavesOf);
		case 'not':
			return leavesOf(node.child);
		default:
			return [node];
	}
}

/** Both searches must hold; flattens nested ands and drops empty ones. */
export function allOf(nodes: readonly SearchNode[]): SearchNode {
	const children = nodes.flatMap((node) => (node.kind === 'and' ? node.children : [node]));
	return children.length === 1 ? children[0]! : { kind: 'and', children };
}
