/**
 * Splits a search into tokens: `(`, `)`, `-` (negation, only right before a term or group),
 * `or`/`and` (unquoted, any case), and terms. A term runs to whitespace or a parenthesis, but
 * quoted parts may hold both (`deck:"My deck"`, `"a (b)"`). Quotes are dropped; backslash escapes
 * are kept for the parser, which knows which ones matter where.
 */
export type Token =
	| { type: 'open' | 'close' | 'not' | 'or' | 'and' }
	| { type: 'term'; text: string; quoted: boolean };

const SPACE = /\s/;

export function tokenize(input: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < input.length) {
		const char = input[i]!;
		if (SPACE.test(char)) {
			i++;
		} else if (char === '(' || char === ')') {
			tokens.push({ type: char === '(' ? 'open' : 'close' });
			i++;
		} else if (char === '-' && i + 1 < input.length && !SPACE.test(input[i + 1]!)) {
			tokens.push({ type: 'not' });
			i++;
		} else {
			const term = readTerm(input, i);
			i = term.end;
			const keyword = term.quoted ? '' : term.text.toLowerCase();
			tokens.push(
				keyword === 'or' || keyword === 'and'
					? { type: keyword }
					: { type: 'term', text: term.text, quoted: term.quoted }
			);
		}
	}
	return tokens;
}

function readTerm(input: string, start: number): { text: string; quoted: boolean; end: number } {
	let text = '';
	let quoted = false;
	let inQuotes = false;
	let i = start;
	for (; i < input.length; i++) {
		const char = input[i]!;
		if (char === '\\' && i + 1 < input.length) {
			text += char + input[++i]!;
		} else if (char === '"') {
			inQuotes = !inQuotes;
			quoted = true;
		} else if (!inQuotes && (SPACE.test(char) || char === '(' || char === ')')) {
			break;
		} else {
			text += char;
		}
	}
	return { text, quoted, end: i };
}
