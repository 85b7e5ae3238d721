/**
 * Clean-up of a pasted passage before extraction: footnote markers glued to punctuation
 * (`power!’24` → `power!’`), words hyphenated across line breaks, stray whitespace, and spaced
 * dashes inside ranges (`24th– 25th` → `24th–25th`). Paragraph breaks are kept.
 */

export interface Paragraph {
	text: string;
	/** The paragraph stops mid-sentence (the extract was cut off), so its last sentence is partial. */
	truncated: boolean;
}

/** A footnote number right after closing punctuation; never a clock time (`20:17`) or `1,000`. */
const FOOTNOTE = /(?<=[^\d\s])([.!?,;:’”"')\]])\d{1,3}(?=\s|$)/gu;
const LINE_HYPHEN = /(\p{Ll})-\n(\p{Ll})/gu;
const SPACED_RANGE_DASH = /(\d(?:st|nd|rd|th)?)\s*([–—-])\s*(?=(?:the\s+)?\d)/gu;
const TERMINAL = /[.!?:’”"')\]…]$/u;

export function stripFootnotes(text: string): string {
	return text.replace(FOOTNOTE, '$1');
}

/** Splits raw text into cleaned paragraphs: blank lines separate them if there are any, else lines do. */
export function cleanPassage(raw: string): Paragraph[] {
	const text = raw
		.replace(/\r\n?/g, '\n')
		.replace(/\u00a0/g, ' ')
		.replace(LINE_HYPHEN, '$1$2')
		.trim();
	const blocks = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split('\n');
	return blocks
		.map((block) => tidy(stripFootnotes(block)))
		.filter((block) => block.length > 0)
		.map((block) => ({ text: block, truncated: !TERMINAL.test(block) }));
}

function tidy(block: string): string {
	return block
		.replace(/\s+/g, ' ')
		.replace(SPACED_RANGE_DASH, (_, a: string, dash: string) => `${a}${dash === '-' ? '–' : dash}`)
		.trim();
}
