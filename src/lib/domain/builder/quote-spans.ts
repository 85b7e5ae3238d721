/**
 * Finds quoted spans in a paragraph: ‘curly single’, “curly double”, "straight double" and
 * 'straight single'. A closing single quote must not be followed by a letter, so apostrophes
 * inside the quotation (`everything’s`, `We’ve`) do not end it.
 */

export interface QuoteSpan {
	/** Index of the opening mark. */
	start: number;
	/** Index just after the closing mark. */
	end: number;
	/** The words between the marks. */
	inner: string;
}

const LETTER = /[\p{L}\p{N}]/u;
const PAIRS: Record<string, string> = { '‘': '’', '“': '”', '"': '"', "'": "'" };

export function findQuoteSpans(text: string): QuoteSpan[] {
	const spans: QuoteSpan[] = [];
	let i = 0;
	while (i < text.length) {
		const close = PAIRS[text[i]!];
		if (close !== undefined && opensHere(text, i)) {
			const end = findClose(text, i + 1, close);
			if (end > 0) {
				spans.push({ start: i, end: end + 1, inner: text.slice(i + 1, end) });
				i = end + 1;
				continue;
			}
		}
		i += 1;
	}
	return spans;
}

function opensHere(text: string, i: number): boolean {
	const before = text[i - 1];
	const after = text[i + 1];
	return (before === undefined || !LETTER.test(before)) && after !== undefined && !/\s/.test(after);
}

function findClose(text: string, from: number, close: string): number {
	for (let j = from; j < text.length; j += 1) {
		if (text[j] !== close) {
			continue;
		}
		const after = text[j + 1];
		const before = text[j - 1];
		if ((after === undefined || !/\p{L}/u.test(after)) && before !== undefined && before !== ' ') {
			return j;
		}
	}
	return -1;
}

export function insideSpan(spans: readonly QuoteSpan[], index: number): QuoteSpan | undefined {
	return spans.find((span) => index > span.start && index < span.end);
}
