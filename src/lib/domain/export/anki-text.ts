/**
 * Exports notes in Anki's "Notes in Plain Text" format: tab-separated, HTML kept, with the header
 * lines Anki's importer reads (`#separator:`, `#html:`, `#columns:`, `#guid column:`, and
 * `#notetype:`/`#deck:` for one note type or deck, `#notetype column:`/`#deck column:` for
 * several, `#tags column:`), so Anki and Engram both map every column without asking, and field
 * names survive the trip. Rows are padded to the widest note type so the tags column is the same
 * in every row. Scheduling does not travel in this format; `.apkg` and Engram JSON carry it.
 */
import type { NoteTypeRecord } from '../model';
import { guidForNote } from '../note-guid';
import type { ExportData } from './export-data';

/** Quoted when it holds a tab, quote or line break, or starts with `#` (a comment line). */
function cell(value: string): string {
	return /[\t"\r\n]/.test(value) || value.startsWith('#')
		? `"${value.replace(/"/g, '""')}"`
		: value;
}

/** A field column's name: the field's, when every note type with that many fields agrees. */
function fieldColumns(types: NoteTypeRecord[], width: number): string[] {
	return Array.from({ length: width }, (_, i) => {
		const names = new Set(types.flatMap((t) => (i < t.fields.length ? [t.fields[i]!] : [])));
		return names.size === 1 ? [...names][0]! : `Field ${i + 1}`;
	});
}

/** Which deck each note is written under: its own, or its first card's when that is outside. */
function deckOfNote(data: ExportData): (noteId: string, deckId: string) => string {
	const deckNames = new Map(data.decks.map((d) => [d.id, d.name]));
	const firstCardDeck = new Map<string, string>();
	for (const card of data.cards) {
		if (!firstCardDeck.has(card.noteId)) {
			firstCardDeck.set(card.noteId, card.deckId);
		}
	}
	return (noteId, deckId) =>
		deckNames.get(deckId) ?? deckNames.get(firstCardDeck.get(noteId) ?? '') ?? '';
}

export function buildAnkiText(data: ExportData): string {
	const types = new Map(data.noteTypes.map((t) => [t.id, t]));
	const deckOf = deckOfNote(data);
	const width = Math.max(1, ...data.noteTypes.map((t) => t.fields.length));
	const rows = data.notes.map((note) => {
		const type = types.get(note.noteTypeId);
		const fields = (type?.fields ?? []).map((f) => note.fields[f] ?? '');
		const padded = [...fields, ...Array<string>(width - fields.length).fill('')];
		return {
			guid: guidForNote(note.id),
			type: type?.name ?? 'Basic',
			deck: deckOf(note.id, note.deckId),
			fields: padded,
			tags: note.tags.join(' ')
		};
	});
	const typeNames = new Set(rows.map((r) => r.type));
	const deckNames = new Set(rows.map((r) => r.deck));
	const typeColumn = typeNames.size > 1;
	const deckColumn = deckNames.size > 1;
	const columns = [
		'guid',
		...(typeColumn ? ['notetype'] : []),
		...(deckColumn ? ['deck'] : []),
		...fieldColumns(data.noteTypes, width),
		'tags'
	];
	const header = [
		'#separator:tab',
		'#html:true',
		`#columns:${columns.map(cell).join('\t')}`,
		'#guid column:1',
		typeColumn ? '#notetype column:2' : `#notetype:${[...typeNames][0] ?? 'Basic'}`,
		deckColumn ? `#deck column:${typeColumn ? 3 : 2}` : `#deck:${[...deckNames][0] ?? ''}`,
		`#tags column:${columns.length}`
	];
	const lines = rows.map((r) =>
		[r.guid, ...(typeColumn ? [r.type] : []), ...(deckColumn ? [r.deck] : []), ...r.fields, r.tags]
			.map(cell)
			.join('\t')
	);
	return `${[...header, ...lines].join('\n')}\n`;
}
