/**
 * Turns a parsed text table into notes. Anki-annotated files (note type / guid columns) map their
 * remaining columns to the note type's fields in order; plain CSV/TSV (Quizlet, Notion, …) uses
 * a column mapping (which column is front, back, tags) chosen by the user or guessed.
 */
import { cardId } from '../deck-records';
import { cardOrdinals } from '../card-generation';
import type { CardRecord, NoteRecord, NoteTypeRecord } from '../model';
import { BUILTIN_NOTE_TYPES } from '../note-types';
import { newCardState } from '../scheduler';
import { escapeHtml } from '../template-render';
import { noteIdForGuid } from '../note-guid';
import { deckIdForName, deckRecord, withAncestors } from './anki-records';
import type { ImportBundle } from './bundle';
import { ImportError, MAX_FIELD_CHARS, MESSAGES } from './errors';
import { stableHash } from './hash';
import { readTextTable, type TextHeaders, type TextTable } from './text-format';

/** Which columns (0-based) hold what, for files without Anki's note type column. */
export interface TextMapping {
	hasHeader: boolean;
	front: number;
	back: number;
	tags?: number;
}

export interface TextPreview {
	delimiter: string;
	/** Anki's own text export: columns are already assigned, no mapping step needed. */
	annotated: boolean;
	columns: string[];
	rows: string[][];
	mapping: TextMapping;
}

const HEADER_WORDS =
	/^(front|back|question|answer|term|definition|word|meaning|translation|tags?|notes?|text|extra|english|example)$/i;

function isAnnotated(headers: TextHeaders): boolean {
	return headers.notetypeColumn !== undefined || headers.notetype !== undefined;
}

/** Most common row length: rows of another length are reported, not guessed at. */
function usualWidth(rows: string[][]): number {
	const counts = new Map<number, number>();
	for (const row of rows) {
		counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
	}
	return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

export function guessMapping(table: TextTable): TextMapping {
	const first = table.rows[0] ?? [];
	const hasHeader =
		table.headers.columns === undefined &&
		first.length >= 2 &&
		first.some((cell) => HEADER_WORDS.test(cell.trim()));
	const names = hasHeader ? first.map((c) => c.trim().toLowerCase()) : [];
	const tags = names.findIndex((n) => n === 'tags' || n === 'tag');
	return {
		hasHeader,
		front: 0,
		back: tags === 1 ? 2 : 1,
		tags: tags >= 0 ? tags : table.headers.tagsColumn
	};
}

export function previewText(bytes: Uint8Array): TextPreview {
	const table = readTextTable(bytes);
	const mapping = guessMapping(table);
	const width = usualWidth(table.rows);
	const columns = Array.from(
		{ length: width },
		(_, i) =>
			table.headers.columns?.[i] ??
			(mapping.hasHeader ? table.rows[0]?.[i] : undefined) ??
			`Column ${i + 1}`
	);
	return {
		delimiter: table.delimiter,
		annotated: isAnnotated(table.headers),
		columns,
		rows: table.rows.slice(mapping.hasHeader ? 1 : 0, mapping.hasHeader ? 6 : 5),
		mapping
	};
}

interface Row {
	line: number;
	cells: string[];
}

export function textToBundle(
	bytes: Uint8Array,
	fileName: string,
	now: Date,
	mapping?: TextMapping
): ImportBundle {
	const table = readTextTable(bytes);
	const { headers } = table;
	const chosen = mapping ?? guessMapping(table);
	const rows: Row[] = table.rows
		.map((cells, i) => ({ line: i + 1, cells }))
		.slice(!isAnnotated(headers) && chosen.hasHeader ? 1 : 0);
	const bundle: ImportBundle = {
		format: table.delimiter === '\t' ? 'tsv' : 'csv',
		decks: [],
		noteTypes: [],
		notes: [],
		cards: [],
		reviews: [],
		media: [],
		skipped: [],
		warnings: [],
		source: { decks: 0, revlog: 0 }
	};
	const defaultDeck =
		headers.deck && !/^\d+$/.test(headers.deck) ? headers.deck : baseName(fileName);
	const width = usualWidth(rows.map((r) => r.cells));
	const builder = new NoteBuilder(bundle, now, headers.html ?? false);
	for (const row of rows) {
		const problem = rowProblem(row, width);
		if (problem) {
			bundle.skipped.push({ where: `row ${row.line}`, reason: problem });
			continue;
		}
		const cell = (i: number | undefined) => (i === undefined ? undefined : row.cells[i]);
		const deck = cell(headers.deckColumn)?.trim() || defaultDeck;
		const tags = [...headers.tags, ...(cell(chosen.tags ?? headers.tagsColumn) ?? '').split(/\s+/)];
		if (isAnnotated(headers)) {
			const special = new Set(
				[headers.notetypeColumn, headers.deckColumn, headers.tagsColumn, headers.guidColumn].filter(
					(c) => c !== undefined
				)
			);
			const values = row.cells.filter((_, i) => !special.has(i));
			const typeName = cell(headers.notetypeColumn)?.trim() || headers.notetype || 'Basic';
			builder.add(
				row.line,
				deck,
				typeName,
				values,
				tags,
				cell(headers.guidColumn),
				headers.columns?.filter((_, i) => !special.has(i))
			);
		} else {
			const values = [row.cells[chosen.front] ?? '', row.cells[chosen.back] ?? ''];
			builder.add(row.line, deck, 'Basic', values, tags, undefined, undefined);
		}
	}
	if (bundle.notes.length === 0) {
		throw new ImportError(MESSAGES.noRows);
	}
	bundle.decks = [...new Set(bundle.notes.map((n) => builder.deckNames.get(n.deckId)!))]
		.flatMap(withAncestors)
		.filter((name, i, all) => all.indexOf(name) === i)
		.map((name) => deckRecord(name, now.getTime()));
	bundle.noteTypes = [...builder.noteTypes.values()];
	return bundle;
}

function baseName(fileName: string): string {
	const base = fileName.split(/[\\/]/).pop() ?? fileName;
	return base.replace(/\.[^.]+$/, '').trim() || 'Imported';
}

function rowProblem(row: Row, width: number): string | undefined {
	if (row.cells.length < width) {
		return `it has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, expected ${width}`;
	}
	if (row.cells.length > width) {
		return `it has ${row.cells.length} fields, expected ${width}`;
	}
	if (row.cells.some((c) => c.length > MAX_FIELD_CHARS)) {
		return 'a field is larger than 1,000,000 characters';
	}
	return undefined;
}

/** Collects notes, their cards and the note types they need, skipping duplicates. */
class NoteBuilder {
	noteTypes = new Map<string, NoteTypeRecord>();
	deckNames = new Map<string, string>();
	#seen = new Map<string, number>();
	#bundle: ImportBundle;
	#now: Date;
	#html: boolean;

	constructor(bundle: ImportBundle, now: Date, html: boolean) {
		this.#bundle = bundle;
		this.#now = now;
		this.#html = html;
	}

	add(
		line: number,
		deck: string,
		typeName: string,
		values: string[],
		tags: string[],
		guid: string | undefined,
		columnNames: string[] | undefined
	): void {
		const noteType = this.#noteType(typeName, values, columnNames);
		const fields = Object.fromEntries(
			noteType.fields.map((name, i) => [name, this.#field(values[i] ?? '')])
		);
		const first = fields[noteType.fields[0]!] ?? '';
		if (!first.trim()) {
			this.#bundle.skipped.push({ where: `row ${line}`, reason: 'its first field is empty' });
			return;
		}
		const deckId = deckIdForName(deck);
		const id = guid?.trim()
			? noteIdForGuid(guid.trim())
			: `text:${stableHash(`${deckId}\u001f${noteType.id}\u001f${first}`)}`;
		const previous = this.#seen.get(id);
		if (previous !== undefined) {
			this.#bundle.skipped.push({ where: `row ${line}`, reason: `it repeats row ${previous}` });
			return;
		}
		this.#seen.set(id, line);
		this.deckNames.set(deckId, deck);
		this.#push(id, deckId, noteType, fields, tags);
	}

	#push(
		id: string,
		deckId: string,
		noteType: NoteTypeRecord,
		fields: Record<string, string>,
		tags: string[]
	): void {
		const time = this.#now.getTime();
		const note: NoteRecord = {
			id,
			deckId,
			noteTypeId: noteType.id,
			fields,
			fieldMtimes: Object.fromEntries(noteType.fields.map((n) => [n, time])),
			tags: [...new Set(tags.filter(Boolean))],
			createdAt: time,
			mtime: time
		};
		this.#bundle.notes.push(note);
		for (const ord of cardOrdinals(noteType, fields)) {
			const card: CardRecord = {
				...newCardState(this.#now),
				id: cardId(id, ord),
				noteId: id,
				deckId,
				ord,
				queue: 'new',
				position: this.#bundle.cards.length,
				mtime: time
			};
			this.#bundle.cards.push(card);
		}
	}

	#field(value: string): string {
		return this.#html ? value : escapeHtml(value).replace(/\r?\n/g, '<br>');
	}

	#noteType(name: string, values: string[], columnNames: string[] | undefined): NoteTypeRecord {
		const width = values.length;
		// Anki pads rows to the widest note type in the file: empty cells past the end don't count.
		const used = values.findLastIndex((v) => v !== '') + 1;
		const builtin = Object.values(BUILTIN_NOTE_TYPES).find(
			(t) => t.name.toLowerCase() === name.toLowerCase() && used <= t.fields.length
		);
		if (builtin) {
			this.noteTypes.set(builtin.id, builtin);
			return builtin;
		}
		const id = `text-nt:${stableHash(`${name}\u001f${width}`)}`;
		const existing = this.noteTypes.get(id);
		if (existing) {
			return existing;
		}
		const defaults = Array.from({ length: Math.max(2, width) }, (_, i) =>
			i === 0 ? 'Front' : i === 1 ? 'Back' : `Field ${i + 1}`
		);
		const fields = columnNames?.length === defaults.length ? columnNames : defaults;
		const extra = fields.slice(2).map((f) => `{{#${f}}}<br>{{${f}}}{{/${f}}}`);
		const created: NoteTypeRecord = {
			id,
			name,
			kind: 'standard',
			fields,
			templates: [
				{
					name: 'Card 1',
					front: `{{${fields[0]}}}`,
					back: `{{FrontSide}}<hr id="answer">{{${fields[1]}}}${extra.join('')}`
				}
			],
			css: BUILTIN_NOTE_TYPES.basic.css,
			mtime: this.#now.getTime()
		};
		this.noteTypes.set(id, created);
		return created;
	}
}
