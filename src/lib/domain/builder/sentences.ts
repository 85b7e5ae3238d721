/**
 * Sentence splitting that survives initials (`A. V. Lunacharski`), common abbreviations and
 * quotations: a full stop inside a quotation never ends the sentence that introduces it.
 */
import { findQuoteSpans } from './quote-spans';
import type { Paragraph } from './text-cleanup';

export interface Sentence {
	text: string;
	paragraph: number;
	/** Position in the whole passage. */
	index: number;
	/** The last sentence of a paragraph that was cut off mid-way: never used for cards. */
	truncated: boolean;
	/** Part of a block quotation (a paragraph introduced by a colon). */
	blockQuote: boolean;
}

const ABBREVIATIONS = new Set(
	'mr mrs ms dr st gen col capt lt sgt prof rev jr sr vs etc cf no vol pp ca c fig ed eds op'.split(
		' '
	)
);
const CLOSERS = /[’”"')\]]/u;
const STARTS = /[\p{Lu}\p{N}‘“"'([]/u;

/** Splits one paragraph's text into sentences. */
export function splitSentences(text: string): string[] {
	const spans = findQuoteSpans(text);
	const sentences: string[] = [];
	let start = 0;
	for (let i = 0; i < text.length; i += 1) {
		if (!/[.!?…]/.test(text[i]!)) {
			continue;
		}
		let end = i + 1;
		while (end < text.length && (CLOSERS.test(text[end]!) || /[.!?]/.test(text[end]!))) {
			end += 1;
		}
		if (end < text.length && !(text[end] === ' ' && STARTS.test(text[end + 1] ?? ''))) {
			continue;
		}
		if (isAbbreviation(text, i) || withinQuote(spans, i, end)) {
			continue;
		}
		sentences.push(text.slice(start, end).trim());
		start = end;
		i = end - 1;
	}
	const rest = text.slice(start).trim();
	if (rest) {
		sentences.push(rest);
	}
	return sentences;
}

function isAbbreviation(text: string, dot: number): boolean {
	if (text[dot] !== '.') {
		return false;
	}
	const word = /([\p{L}.]+)$/u.exec(text.slice(0, dot))?.[1] ?? '';
	// A single capital is an initial (A. V. Lunacharski); `e.g` and `i.e` contain dots.
	return /^\p{Lu}$/u.test(word) || word.includes('.') || ABBREVIATIONS.has(word.toLowerCase());
}

/** True when the stop sits inside a quotation that goes on after it. */
function withinQuote(spans: ReturnType<typeof findQuoteSpans>, stop: number, end: number): boolean {
	return spans.some((span) => stop > span.start && span.end > end);
}

/** Splits cleaned paragraphs into numbered sentences, marking block quotations and cut-off ends. */
export function toSentences(paragraphs: readonly Paragraph[]): Sentence[] {
	const out: Sentence[] = [];
	paragraphs.forEach((paragraph, p) => {
		const blockQuote = p > 0 && paragraphs[p - 1]!.text.endsWith(':');
		const texts = splitSentences(paragraph.text);
		texts.forEach((text, i) => {
			const truncated = paragraph.truncated && i === texts.length - 1;
			out.push({ text, paragraph: p, index: out.length, truncated, blockQuote });
		});
	});
	return out;
}
