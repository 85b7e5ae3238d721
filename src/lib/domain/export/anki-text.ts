/**
 * Exports notes in Anki's "Notes in Plain Text" format: tab-separated, HTML kept, with the header
 * lines Anki's importer reads (`#separator:`, `#html:`, `#guid column:`, `#notetype column:`,
 * `#deck column:`, `#tags column:`), so Anki and Engram both map every column without asking.
 * Rows are padded to the widest note type so the tags column is the same in every row.
 * Scheduling does not travel in this format; `.apkg` and Engram JSON carry it.
 */
import { ankiGuid, type ExportData } from './export-data';

/** Quoted when it holds a tab, quote or line break, or starts with `#` (a comment line). */
function cell(value: string): string {
	return /[\t"\r\n]/.test(value) || value.startsWith('#')
		? `"${value.replace(/"/g, '""')}"`
		: value;
}

export function buildAnkiText(data: ExportData): string {
	const types = new Map(data.noteTypes.map((t) => [t.id, t]));
	const deckNames = new Map(data.decks.map((d) => [d.id, d.name]));
	const firstCardDeck = new Map<string, string>();
	for (const card of data.cards) {
		if (!firstCardDeck.has(card.noteId)) {
			firstCardDeck.set(card.noteId, card.deckId);
		}
	}
	const width = Math.max(1, ...data.noteTypes.map((t) => t.fields.length));
	const header = [
		'#separator:tab',
		'#html:true',
		'#guid column:1',
		'#notetype column:2',
		'#deck column:3',
		`#tags column:${width + 4}`
	];
	const rows = data.notes.map((note) => {
		const type = types.get(note.noteTypeId);
		const fields = (type?.fields ?? []).map((f) => note.fields[f] ?? '');
		const deck =
			deckNames.get(note.deckId) ?? deckNames.get(firstCardDeck.get(note.id) ?? '') ?? '';
		const padded = [...fields, ...Array<string>(width - fields.length).fill('')];
		return [ankiGuid(note.id), type?.name ?? 'Basic', deck, ...padded, note.tags.join(' ')]
			.map(cell)
			.join('\t');
	});
	return `${[...header, ...rows].join('\n')}\n`;
}
