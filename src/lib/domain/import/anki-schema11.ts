/** Schema 11 (Anki up to 2.1.49 and "support older Anki versions"): models and decks as JSON. */
import type { Database } from 'sql.js';
import { ankiConfigFromJson } from '../anki-deck-config';
import type { AnkiDeck, AnkiDefinitions, AnkiNoteType } from './anki-collection';
import { ImportError, MESSAGES } from './errors';
import { selectRows } from './sqlite';

interface ModelJson {
	id?: number | string;
	name?: string;
	type?: number;
	sortf?: number;
	css?: string;
	flds?: { name?: string; ord?: number }[];
	tmpls?: { name?: string; ord?: number; qfmt?: string; afmt?: string }[];
}

interface DeckJson {
	id?: number | string;
	name?: string;
	dyn?: number;
	conf?: number | string;
}

function parseJsonObject(text: unknown): Record<string, unknown> {
	try {
		const value: unknown = JSON.parse(String(text ?? ''));
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			return value as Record<string, unknown>;
		}
	} catch {
		// fall through to the error below
	}
	throw new ImportError(MESSAGES.badSqlite);
}

const byOrd = <T extends { ord?: number }>(a: T, b: T) => (a.ord ?? 0) - (b.ord ?? 0);

function toNoteType(key: string, model: ModelJson): AnkiNoteType {
	return {
		id: Number(model.id ?? key),
		name: String(model.name ?? 'Note type'),
		cloze: model.type === 1,
		fields: [...(model.flds ?? [])].sort(byOrd).map((f) => String(f.name ?? '')),
		templates: [...(model.tmpls ?? [])].sort(byOrd).map((t) => ({
			name: String(t.name ?? ''),
			front: String(t.qfmt ?? ''),
			back: String(t.afmt ?? '')
		})),
		css: String(model.css ?? ''),
		sortField: Number.isInteger(model.sortf) ? model.sortf! : 0
	};
}

export function readSchema11(db: Database): AnkiDefinitions {
	const col = selectRows(db, 'SELECT models, decks, dconf FROM col LIMIT 1')[0];
	const models = parseJsonObject(col?.models);
	const decks = parseJsonObject(col?.decks);
	// Deck options only shape presets: a file whose dconf cannot be read still imports.
	let dconf: Record<string, unknown> = {};
	try {
		dconf = parseJsonObject(col?.dconf);
	} catch {
		// keep {}: every deck gets Anki's default options
	}
	return {
		noteTypes: Object.entries(models).map(([key, m]) => toNoteType(key, (m ?? {}) as ModelJson)),
		decks: Object.entries(decks).map(([key, d]): AnkiDeck => {
			const deck = (d ?? {}) as DeckJson;
			return {
				id: Number(deck.id ?? key),
				name: String(deck.name ?? 'Default'),
				filtered: deck.dyn === 1,
				configId: Number(deck.conf ?? 1) || 1
			};
		}),
		deckConfigs: Object.entries(dconf).map(([key, conf]) => ankiConfigFromJson(key, conf))
	};
}
