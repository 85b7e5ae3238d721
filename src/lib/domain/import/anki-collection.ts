/**
 * What Engram reads from an Anki collection, the same for schema 11 (JSON in `col`) and schema 18
 * (notetypes/fields/templates/decks tables with protobuf config).
 */
import type { Database } from 'sql.js';
import type { AnkiDeckConfig } from '../anki-deck-config';
import { ImportError, MESSAGES, unknownSchema } from './errors';
import { readSchema11 } from './anki-schema11';
import { readSchema18 } from './anki-schema18';
import { selectRows, tableNames, type Row } from './sqlite';

export interface AnkiNoteType {
	id: number;
	name: string;
	cloze: boolean;
	fields: string[];
	templates: { name: string; front: string; back: string }[];
	css: string;
	/** The field notes sort by (`sortf`, schema 18's `sort_field_idx`); 0 is the first. */
	sortField: number;
}

export interface AnkiDeck {
	id: number;
	/** Levels joined with `::`. */
	name: string;
	filtered: boolean;
	/** The deck config (options) it uses; 1 is Anki's Default. */
	configId: number;
}

export interface AnkiNote {
	id: number;
	guid: string;
	mid: number;
	mod: number;
	tags: string[];
	fields: string[];
}

export interface AnkiCard {
	id: number;
	nid: number;
	did: number;
	odid: number;
	ord: number;
	type: number;
	queue: number;
	due: number;
	/** The flag colour lives in the low 3 bits. */
	flags: number;
}

export interface AnkiRevlog {
	id: number;
	cid: number;
	ease: number;
	/** Days (positive) or seconds (negative) after the entry; for a manual entry, the new interval. */
	ivl: number;
	/** Ease ×10 after the entry; 0 on a manual entry marks a reset (rslib revlog/mod.rs is_reset). */
	factor: number;
	time: number;
	type: number;
}

export interface AnkiCollection {
	schema: number;
	noteTypes: AnkiNoteType[];
	decks: AnkiDeck[];
	deckConfigs: AnkiDeckConfig[];
	notes: AnkiNote[];
	cards: AnkiCard[];
	revlog: AnkiRevlog[];
}

export interface AnkiDefinitions {
	noteTypes: AnkiNoteType[];
	decks: AnkiDeck[];
	deckConfigs: AnkiDeckConfig[];
}

const num = (v: Row[string] | undefined): number => Number(v ?? 0);
const str = (v: Row[string] | undefined): string =>
	v === null || v === undefined ? '' : String(v);

export function readCollection(db: Database): AnkiCollection {
	const tables = tableNames(db);
	if (!tables.has('col') || !tables.has('notes') || !tables.has('cards')) {
		throw new ImportError(MESSAGES.badSqlite);
	}
	const col = selectRows(db, 'SELECT ver FROM col LIMIT 1')[0];
	const schema = num(col?.ver);
	let definitions: AnkiDefinitions;
	if (schema === 11) {
		definitions = readSchema11(db);
	} else if (schema >= 15 && schema <= 18 && tables.has('notetypes')) {
		definitions = readSchema18(db);
	} else {
		throw new ImportError(unknownSchema(schema));
	}
	return {
		schema,
		...definitions,
		notes: selectRows(db, 'SELECT id, guid, mid, mod, tags, flds FROM notes').map((r) => ({
			id: num(r.id),
			guid: str(r.guid),
			mid: num(r.mid),
			mod: num(r.mod),
			tags: str(r.tags).split(/\s+/).filter(Boolean),
			fields: str(r.flds).split('\u001f')
		})),
		cards: selectRows(db, 'SELECT id, nid, did, odid, ord, type, queue, due, flags FROM cards').map(
			(r) => ({
				id: num(r.id),
				nid: num(r.nid),
				did: num(r.did),
				odid: num(r.odid),
				ord: num(r.ord),
				type: num(r.type),
				queue: num(r.queue),
				due: num(r.due),
				flags: num(r.flags)
			})
		),
		revlog: tables.has('revlog')
			? selectRows(db, 'SELECT id, cid, ease, ivl, factor, time, type FROM revlog').map((r) => ({
					id: num(r.id),
					cid: num(r.cid),
					ease: num(r.ease),
					ivl: num(r.ivl),
					factor: num(r.factor),
					time: num(r.time),
					type: num(r.type)
				}))
			: []
	};
}
