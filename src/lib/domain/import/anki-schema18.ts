/**
 * Schema 18 (Anki 2.1.50+, `collection.anki21b`): note types, fields, templates and decks in their
 * own tables, with protobuf config blobs. The name columns use `COLLATE unicase`, which sql.js
 * cannot register, so rows are selected plainly and joined and sorted here.
 */
import type { Database } from 'sql.js';
import type { AnkiDeck, AnkiDefinitions, AnkiNoteType } from './anki-collection';
import { MESSAGES } from './errors';
import { decodeMessage, protoHas, protoString, protoVarint } from './protobuf';
import { selectRows, type Row } from './sqlite';

const bytesOf = (v: Row[string] | undefined): Uint8Array =>
	v instanceof Uint8Array ? v : new Uint8Array();

function groupByNotetype(rows: Row[]): Map<number, Row[]> {
	const groups = new Map<number, Row[]>();
	for (const row of rows) {
		const ntid = Number(row.ntid);
		groups.set(ntid, [...(groups.get(ntid) ?? []), row]);
	}
	for (const group of groups.values()) {
		group.sort((a, b) => Number(a.ord) - Number(b.ord));
	}
	return groups;
}

export function readSchema18(db: Database): AnkiDefinitions {
	// Orphan field/template rows (for note types that no longer exist) are simply never looked up.
	const fields = groupByNotetype(selectRows(db, 'SELECT ntid, ord, name FROM fields'));
	const templates = groupByNotetype(
		selectRows(db, 'SELECT ntid, ord, name, config FROM templates')
	);
	const noteTypes = selectRows(db, 'SELECT id, name, config FROM notetypes').map(
		(row): AnkiNoteType => {
			const id = Number(row.id);
			const config = decodeMessage(bytesOf(row.config), MESSAGES.badSqlite);
			return {
				id,
				name: String(row.name ?? ''),
				// NotetypeConfig: kind = 1 (1 = cloze), css = 3.
				cloze: protoVarint(config, 1) === 1,
				css: protoString(config, 3),
				fields: (fields.get(id) ?? []).map((f) => String(f.name ?? '')),
				templates: (templates.get(id) ?? []).map((t) => {
					// TemplateConfig: q_format = 1, a_format = 2.
					const tconfig = decodeMessage(bytesOf(t.config), MESSAGES.badSqlite);
					return {
						name: String(t.name ?? ''),
						front: protoString(tconfig, 1),
						back: protoString(tconfig, 2)
					};
				})
			};
		}
	);
	const decks = selectRows(db, 'SELECT id, name, kind FROM decks').map((row): AnkiDeck => ({
		id: Number(row.id),
		// Schema 18 separates levels with 0x1F instead of `::`.
		name: String(row.name ?? '')
			.split('\u001f')
			.join('::'),
		// DeckKind: normal = 1, filtered = 2.
		filtered: protoHas(decodeMessage(bytesOf(row.kind), MESSAGES.badSqlite), 2)
	}));
	return { noteTypes, decks };
}
