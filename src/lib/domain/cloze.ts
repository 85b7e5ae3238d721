/**
 * Cloze deletions `{{c1::answer}}` and `{{c1::answer::hint}}`, nested or not, parsed into a tree so
 * that each card shows its own deletion hidden and every other one revealed, as Anki does.
 */
type ClozeNode = string | { ord: number; children: ClozeNode[]; hint?: string };

const OPEN = /\{\{c(\d+)::/y;

/** Parses text into plain strings and cloze nodes; unbalanced markup is kept as text. */
export function parseCloze(text: string): ClozeNode[] {
	const root: ClozeNode[] = [];
	const stack: { ord: number; children: ClozeNode[]; start: number }[] = [];
	let buffer = '';
	const target = () => stack.at(-1)?.children ?? root;
	const flush = () => {
		if (buffer) {
			target().push(buffer);
			buffer = '';
		}
	};
	let i = 0;
	while (i < text.length) {
		OPEN.lastIndex = i;
		const open = OPEN.exec(text);
		if (open) {
			flush();
			stack.push({ ord: Number(open[1]), children: [], start: i });
			i = OPEN.lastIndex;
		} else if (text.startsWith('}}', i) && stack.length > 0) {
			flush();
			const node = stack.pop()!;
			const { children, hint } = splitHint(node.children);
			target().push({ ord: node.ord, children, hint });
			i += 2;
		} else {
			buffer += text[i];
			i += 1;
		}
	}
	flush();
	// Unclosed deletions: put their text back as it was written.
	while (stack.length > 0) {
		const node = stack.pop()!;
		target().push(`{{c${node.ord}::`, ...node.children);
	}
	return root;
}

/** The hint is what follows the last top-level `::` inside a deletion. */
function splitHint(children: ClozeNode[]): { children: ClozeNode[]; hint?: string } {
	const last = children.at(-1);
	if (typeof last !== 'string') {
		return { children };
	}
	const at = last.lastIndexOf('::');
	if (at < 0) {
		return { children };
	}
	const rest = last.slice(0, at);
	return {
		children: [...children.slice(0, -1), ...(rest ? [rest] : [])],
		hint: last.slice(at + 2)
	};
}

/** Distinct cloze numbers used in the text, ascending. */
export function clozeNumbers(text: string): number[] {
	const found = new Set<number>();
	const walk = (nodes: ClozeNode[]) => {
		for (const node of nodes) {
			if (typeof node !== 'string') {
				found.add(node.ord);
				walk(node.children);
			}
		}
	};
	walk(parseCloze(text));
	return [...found].filter((n) => n > 0).sort((a, b) => a - b);
}

/** Renders the text for cloze card `ord` (1-based): the active deletion hidden on the front. */
export function renderCloze(text: string, ord: number, side: 'front' | 'back'): string {
	const render = (nodes: ClozeNode[]): string =>
		nodes
			.map((node) => {
				if (typeof node === 'string') {
					return node;
				}
				const inner = render(node.children);
				if (node.ord !== ord) {
					return inner;
				}
				if (side === 'front') {
					return `<span class="cloze" data-cloze="${ord}">[${node.hint ?? '…'}]</span>`;
				}
				return `<span class="cloze" data-cloze="${ord}">${inner}</span>`;
			})
			.join('');
	return render(parseCloze(text));
}

/** Only the deleted text of card `ord`, for type-in answers: `{{type:cloze:Text}}`. */
export function clozeAnswers(text: string, ord: number): string[] {
	const answers: string[] = [];
	const plain = (nodes: ClozeNode[]): string =>
		nodes.map((n) => (typeof n === 'string' ? n : plain(n.children))).join('');
	const walk = (nodes: ClozeNode[]) => {
		for (const node of nodes) {
			if (typeof node !== 'string') {
				if (node.ord === ord) {
					answers.push(plain(node.children));
				} else {
					walk(node.children);
				}
			}
		}
	};
	walk(parseCloze(text));
	return answers;
}
