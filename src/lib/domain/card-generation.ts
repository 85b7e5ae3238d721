/**
 * Which cards a note makes, by note type: one per template whose front is non-empty, or for cloze
 * types one per distinct cloze number (at least one, as Anki does for a cloze note with none).
 */
import { clozeNumbers } from './cloze';
import type { NoteTypeRecord } from './model';
import { withStandardDelimiters } from './template-delimiters';
import { isNonEmpty, renderTemplate } from './template-render';

export function cardOrdinals(noteType: NoteTypeRecord, fields: Record<string, string>): number[] {
	if (noteType.kind === 'cloze') {
		const text = clozeFieldNames(noteType)
			.map((name) => fields[name] ?? '')
			.join(' ');
		const numbers = clozeNumbers(text);
		return numbers.length > 0 ? numbers.map((n) => n - 1) : [0];
	}
	// Like Anki: a template makes a card when its front shows something from the fields,
	// not just static text.
	const empty = Object.fromEntries(Object.keys(fields).map((name) => [name, '']));
	return noteType.templates.flatMap((template, ord) => {
		const front = (values: Record<string, string>) =>
			renderTemplate(withStandardDelimiters(template.front).replace(/\{\{\s*type:[^}]*\}\}/g, ''), {
				fields: values,
				tags: [],
				deck: '',
				noteType: noteType.name,
				cardName: template.name,
				ord,
				side: 'front'
			});
		const shown = front(fields);
		return isNonEmpty(shown) && shown !== front(empty) ? [ord] : [];
	});
}

/** Fields named by `{{cloze:Field}}` in the note type's templates. */
export function clozeFieldNames(noteType: NoteTypeRecord): string[] {
	const names = new Set<string>();
	for (const template of noteType.templates) {
		for (const m of withStandardDelimiters(template.front).matchAll(
			/\{\{[^}]*cloze:([^}:]+)\}\}/g
		)) {
			names.add(m[1]!.trim());
		}
	}
	return [...names];
}
