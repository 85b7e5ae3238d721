/**
 * Schema 18 (Anki 2.1.50+, `collection.anki21b`): note types, fields, templates and decks in their
 * own tables, with protobuf config blobs. The name columns use `COLLATE unicase`, which sql.js
 * cannot register, so rows are selected plainly and joined and sorted here.
 */
import type { Database } from 'sql.js';
import type { AnkiDeck, AnkiDefinitions, AnkiNoteType } from './anki-collection';
import { MESSAGES } from './errors';
import { ANKI_DEFAULT_CONFIG, type AnkiDeckConfig } from '../anki-deck-config';
import {
	decodeMessage,
	protoFloat,
	protoFloats,
	protoHas,
	protoMessages,
	protoString,
	protoVarint
} from './protobuf';
import { selectRows, tableNames, type Row } from './sqlite';

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
				// NotetypeConfig: kind = 1 (1 = cloze), sort_field_idx = 2, css = 3.
				cloze: protoVarint(config, 1) === 1,
				sortField: protoVarint(config, 2),
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
	const decks = selectRows(db, 'SELECT id, name, kind FROM decks').map((row): AnkiDeck => {
		const kind = decodeMessage(bytesOf(row.kind), MESSAGES.badSqlite);
		// DeckKind: normal = 1 (NormalDeck, whose config_id = 1), filtered = 2.
		const normal = protoMessages(kind, 1)[0];
		const configId = normal ? protoVarint(decodeMessage(normal, MESSAGES.badSqlite), 1) : 0;
		return {
			id: Number(row.id),
			// Schema 18 separates levels with 0x1F instead of `::`.
			name: String(row.name ?? '')
				.split('\u001f')
				.join('::'),
			filtered: protoHas(kind, 2),
			configId: configId || 1
		};
	});
	const deckConfigs = tableNames(db).has('deck_config')
		? selectRows(db, 'SELECT id, name, config FROM deck_config').map(deckConfig)
		: [];
	return { noteTypes, decks, deckConfigs };
}

/**
 * DeckConfig.Config (proto deck_config.proto): learn_steps 1, relearn_steps 2, new_per_day 9,
 * reviews_per_day 10, maximum_review_interval 16, new_card_insert_order 20, leech_action 21,
 * leech_threshold 22, cap_answer_time_to_secs 24, bury_new 27, bury_reviews 28, new_mix 30, desired_retention 37, and the
 * FSRS parameters fsrs_params_4 3 (once fsrs_weights), fsrs_params_5 5, fsrs_params_6 6.
 * Proto3 leaves out zero values, so a missing field is 0, never Anki's default.
 */
function deckConfig(row: Row): AnkiDeckConfig {
	const c = decodeMessage(bytesOf(row.config), MESSAGES.badSqlite);
	return {
		id: Number(row.id),
		name: String(row.name ?? ANKI_DEFAULT_CONFIG.name),
		learnSteps: protoFloats(c, 1),
		relearnSteps: protoFloats(c, 2),
		newPerDay: protoVarint(c, 9),
		reviewsPerDay: protoVarint(c, 10),
		maxInterval: protoVarint(c, 16) || ANKI_DEFAULT_CONFIG.maxInterval,
		leechThreshold: protoVarint(c, 22),
		leechAction: protoVarint(c, 21),
		maxTaken: protoVarint(c, 24) || ANKI_DEFAULT_CONFIG.maxTaken,
		buryNew: protoVarint(c, 27) === 1,
		buryReviews: protoVarint(c, 28) === 1,
		// NewCardInsertOrder: 0 due, 1 random; schema 11's order is the other way round.
		newOrder: protoVarint(c, 20) === 1 ? 0 : 1,
		newMix: protoVarint(c, 30),
		desiredRetention: protoFloat(c, 37),
		fsrsParams: { 4: protoFloats(c, 3), 5: protoFloats(c, 5), 6: protoFloats(c, 6) }
	};
}
