/**
 * The editor's "make cloze" helper (Anki's Ctrl+Shift+C): wraps the selected text in the next
 * cloze number, `{{c2::selection}}`, or inserts an empty deletion at the cursor.
 */
import { clozeNumbers } from './cloze';

export interface ClozeEdit {
	text: string;
	/** Where the selection should be afterwards: around the wrapped text. */
	selectionStart: number;
	selectionEnd: number;
}

export function makeCloze(text: string, start: number, end: number, sameNumber = false): ClozeEdit {
	const numbers = clozeNumbers(text);
	const highest = numbers.length > 0 ? Math.max(...numbers) : 0;
	const n = sameNumber ? Math.max(1, highest) : highest + 1;
	const from = Math.max(0, Math.min(start, end));
	const to = Math.min(text.length, Math.max(start, end));
	const open = `{{c${n}::`;
	const selected = text.slice(from, to);
	return {
		text: `${text.slice(0, from)}${open}${selected}}}${text.slice(to)}`,
		selectionStart: from + open.length,
		selectionEnd: from + open.length + selected.length
	};
}
