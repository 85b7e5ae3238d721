/**
 * Nested decks: Anki names them `Parent::Child`. This turns a flat list of decks with their
 * counts into a tree whose every node also carries the totals of everything beneath it. A parent
 * that exists only as a prefix (no deck of its own) still gets a node.
 */
export interface DeckCounts {
	new: number;
	learning: number;
	review: number;
	total: number;
	reviewedToday: number;
}

export interface DeckTreeInput {
	id: string;
	name: string;
	/**
	 * new/learning/review: what studying this deck shows today, its subdecks included and under
	 * its own limits. total/reviewedToday: this deck's own cards only.
	 */
	counts: DeckCounts;
}

export interface DeckTreeNode {
	/** Full `::` path, unique in the tree. */
	path: string;
	/** The last path segment, shown in the list. */
	label: string;
	depth: number;
	/** The deck at this path, when there is one. */
	deckId?: string;
	/** This node and all its descendants. */
	counts: DeckCounts;
	children: DeckTreeNode[];
}

export const ZERO_COUNTS: DeckCounts = {
	new: 0,
	learning: 0,
	review: 0,
	total: 0,
	reviewedToday: 0
};

export function addCounts(a: DeckCounts, b: DeckCounts): DeckCounts {
	return {
		new: a.new + b.new,
		learning: a.learning + b.learning,
		review: a.review + b.review,
		total: a.total + b.total,
		reviewedToday: a.reviewedToday + b.reviewedToday
	};
}

/**
 * A node's counts: card totals add up over the subtree; due counts of a real deck are its own
 * (they already include its subdecks under its limits, as studying it shows), and a parent that
 * is only a prefix adds up its children's.
 */
function rollUp(node: DeckTreeNode, own: DeckCounts | undefined): DeckCounts {
	const beneath = node.children.reduce((sum, child) => addCounts(sum, child.counts), ZERO_COUNTS);
	if (!own) {
		return beneath;
	}
	return {
		new: own.new,
		learning: own.learning,
		review: own.review,
		total: own.total + beneath.total,
		reviewedToday: own.reviewedToday + beneath.reviewedToday
	};
}

export function buildDeckTree(decks: readonly DeckTreeInput[]): DeckTreeNode[] {
	const roots: DeckTreeNode[] = [];
	const byPath = new Map<string, DeckTreeNode>();
	const own = new Map<DeckTreeNode, DeckCounts>();
	const sorted = [...decks].sort((a, b) => a.name.localeCompare(b.name));
	for (const deck of sorted) {
		const parts = deck.name.split('::').map((part) => part.trim());
		let siblings = roots;
		for (let depth = 0; depth < parts.length; depth += 1) {
			const path = parts.slice(0, depth + 1).join('::');
			let node = byPath.get(path);
			if (!node) {
				node = { path, label: parts[depth]!, depth, counts: ZERO_COUNTS, children: [] };
				byPath.set(path, node);
				siblings.push(node);
			}
			if (depth === parts.length - 1) {
				node.deckId = deck.id;
				own.set(node, deck.counts);
			}
			siblings = node.children;
		}
	}
	const fill = (node: DeckTreeNode): void => {
		node.children.forEach(fill);
		node.counts = rollUp(node, own.get(node));
	};
	roots.forEach(fill);
	return roots;
}

/** The nodes in display order, skipping the children of collapsed paths. */
export function visibleNodes(
	roots: readonly DeckTreeNode[],
	collapsed: ReadonlySet<string>
): DeckTreeNode[] {
	return roots.flatMap((node) => [
		node,
		...(collapsed.has(node.path) ? [] : visibleNodes(node.children, collapsed))
	]);
}
