// We cannot run Anki here, so this checks our exported .apkg against what Anki's importer reads.
// rslib imports a legacy package by opening `collection.anki2` as a collection
// (rslib/src/import_export/package/apkg/import/mod.rs, `CollectionBuilder`), which upgrades it
// from schema 11 (rslib/src/storage/upgrades/mod.rs) by deserialising col.models, col.decks and
// col.dconf with serde: every key those structs declare without a default must be present with
// the right type, or the import fails.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { Database } from 'sql.js';
import { exportDeck } from '$lib/storage/export';
import { loadSql } from '../import/import-helpers';
import { assignPreset, createPreset, savePreset } from '$lib/storage/presets';
import { NOW } from '../helpers';
import { AFTER, ROOT, SUBDECK, studiedCollection } from './export-helpers';

type Json = Record<string, unknown>;

/** The table columns of rslib/src/storage/schema11.sql, in order. */
const COLUMNS: Record<string, string[]> = {
	col: 'id crt mod scm ver dty usn ls conf models decks dconf tags'.split(' '),
	notes: 'id guid mid mod usn tags flds sfld csum flags data'.split(' '),
	cards:
		'id nid did ord mod usn type queue due ivl factor reps lapses left odue odid flags data'.split(
			' '
		),
	revlog: 'id cid usn ease ivl lastIvl factor time type'.split(' '),
	graves: 'usn oid type'.split(' ')
};

/** Columns Anki keeps as text; every other column is read as an integer. */
const TEXT_COLUMNS = new Set([
	'conf',
	'models',
	'decks',
	'dconf',
	'tags',
	'guid',
	'flds',
	'sfld',
	'data'
]);

/** Keys serde requires (no `#[serde(default)]`), with their JSON type. */
const NOTETYPE_KEYS = {
	// rslib/src/notetype/schema11.rs NotetypeSchema11 (`did` has deserialize_with, so it must exist)
	id: 'number',
	name: 'string',
	type: 'number',
	mod: 'number',
	usn: 'number',
	sortf: 'number',
	did: 'number',
	tmpls: 'array',
	flds: 'array',
	css: 'string'
};
// NoteFieldSchema11 and CardTemplateSchema11 in the same file
const FIELD_KEYS = {
	name: 'string',
	sticky: 'boolean',
	rtl: 'boolean',
	font: 'string',
	size: 'number'
};
const TEMPLATE_KEYS = { name: 'string', qfmt: 'string' };
// rslib/src/decks/schema11.rs DeckCommonSchema11 + NormalDeckSchema11 (and `dyn` for the variant)
const DECK_KEYS = {
	id: 'number',
	name: 'string',
	usn: 'number',
	lrnToday: 'array',
	revToday: 'array',
	newToday: 'array',
	timeToday: 'array',
	collapsed: 'boolean',
	dyn: 'number',
	conf: 'number'
};
// rslib/src/deckconfig/schema11.rs DeckConfSchema11 and its New/Rev/LapseConfSchema11
const DCONF_KEYS = {
	id: 'number',
	mod: 'number',
	name: 'string',
	usn: 'number',
	maxTaken: 'number',
	autoplay: 'boolean',
	timer: 'number',
	new: 'object',
	rev: 'object',
	lapse: 'object'
};
const DCONF_NEW_KEYS = {
	delays: 'array',
	initialFactor: 'number',
	ints: 'array',
	order: 'number',
	perDay: 'number'
};
const DCONF_REV_KEYS = { ease4: 'number', ivlFct: 'number', maxIvl: 'number', perDay: 'number' };
const DCONF_LAPSE_KEYS = {
	delays: 'array',
	leechAction: 'number',
	leechFails: 'number',
	minInt: 'number',
	mult: 'number'
};

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

function expectKeys(what: string, object: unknown, keys: Record<string, string>): void {
	expect(typeOf(object), what).toBe('object');
	for (const [key, type] of Object.entries(keys)) {
		expect(typeOf((object as Json)[key]), `${what}.${key}`).toBe(type);
	}
}

function rows(db: Database, sql: string): Json[] {
	const [result] = db.exec(sql);
	return (result?.values ?? []).map((v) =>
		Object.fromEntries(result!.columns.map((c, i) => [c, v[i]]))
	);
}

/** The studied collection with a preset of its own on the subdeck and a described root deck. */
async function exportedCollection() {
	const { db, deckId } = await studiedCollection();
	const made = await createPreset(db, 'Slow', NOW);
	await savePreset(
		db,
		{
			...made,
			newPerDay: 7,
			reviewsPerDay: 70,
			learningSteps: ['2m', '1h'],
			relearningSteps: ['15m', '1d'],
			maximumInterval: 1000,
			desiredRetention: 0.85,
			newOrder: 'random',
			newMix: 'before',
			burySiblings: false,
			leechThreshold: 5,
			leechAction: 'suspend'
		},
		NOW
	);
	await assignPreset(db, 'smolny', made.id, NOW);
	await db.decks.update(deckId, { description: 'Petrograd, 24–25 October' });
	const file = await exportDeck(db, deckId, 'apkg', AFTER, loadSql);
	const zip = unzipSync(file.bytes);
	const sql = await loadSql();
	return { zip, anki: new sql.Database(zip['collection.anki2']) };
}

describe('our .apkg has everything Anki needs to import it', () => {
	it('tables and columns of schema 11; col is version 11 with JSON Anki can deserialise', async () => {
		const { anki } = await exportedCollection();
		for (const [table, columns] of Object.entries(COLUMNS)) {
			expect(rows(anki, `PRAGMA table_info(${table})`).map((c) => c.name)).toEqual(columns);
		}
		// rslib reads these columns as Rust integers (rusqlite): a REAL such as 1234.5 fails the
		// whole import, so every integer column must hold integers (sfld is text, as in Anki).
		for (const [table, columns] of Object.entries(COLUMNS)) {
			const integers = columns.filter((c) => !TEXT_COLUMNS.has(c));
			const check = integers.map((c) => `typeof(${c}) != 'integer'`).join(' OR ');
			const [bad] = rows(anki, `SELECT count(*) AS n FROM ${table} WHERE ${check}`);
			expect(bad!.n, `${table} rows with a non-integer number`).toBe(0);
		}
		const [col] = rows(anki, 'SELECT * FROM col');
		expect(col!.ver).toBe(11);
		const [models, decks, dconf] = ['models', 'decks', 'dconf'].map(
			(k) => JSON.parse(String(col![k])) as Record<string, Json>
		);
		expect(typeOf(JSON.parse(String(col!.conf)))).toBe('object');
		expect(typeOf(JSON.parse(String(col!.tags)))).toBe('object');

		for (const [id, model] of Object.entries(models!)) {
			expectKeys(`model ${id}`, model, NOTETYPE_KEYS);
			expect(String(model.id)).toBe(id);
			(model.flds as unknown[]).forEach((f, i) =>
				expectKeys(`model ${id} fld ${i}`, f, FIELD_KEYS)
			);
			(model.tmpls as unknown[]).forEach((t, i) =>
				expectKeys(`model ${id} tmpl ${i}`, t, TEMPLATE_KEYS)
			);
		}
		for (const [id, deck] of Object.entries(decks!)) {
			expectKeys(`deck ${id}`, deck, DECK_KEYS);
			expect(String(deck.id)).toBe(id);
			expect(dconf![String(deck.conf)], `deck ${id} options`).toBeDefined();
			for (const key of ['lrnToday', 'revToday', 'newToday', 'timeToday']) {
				expect(deck[key]).toHaveLength(2);
			}
		}
		expect(decks!['1']).toMatchObject({ name: 'Default' });
		for (const [id, conf] of Object.entries(dconf!)) {
			expectKeys(`dconf ${id}`, conf, DCONF_KEYS);
			expectKeys(`dconf ${id}.new`, conf.new, DCONF_NEW_KEYS);
			expect((conf.new as Json).ints).toHaveLength(3);
			expectKeys(`dconf ${id}.rev`, conf.rev, DCONF_REV_KEYS);
			expectKeys(`dconf ${id}.lapse`, conf.lapse, DCONF_LAPSE_KEYS);
		}
		anki.close();
	}, 30_000);

	it('notes, cards and revlog point at what exists; sfld and csum are what Anki computes', async () => {
		const { zip, anki } = await exportedCollection();
		const [col] = rows(anki, 'SELECT models, decks FROM col');
		const models = JSON.parse(String(col!.models)) as Record<string, Json>;
		const decks = JSON.parse(String(col!.decks)) as Record<string, Json>;
		const notes = rows(anki, 'SELECT id, guid, mid, flds, sfld, csum FROM notes');
		expect(notes.length).toBeGreaterThan(50);
		const guids = new Set(notes.map((n) => n.guid));
		expect(guids.size).toBe(notes.length);
		let pictured = 0;
		for (const note of notes) {
			const model = models[String(note.mid)]!;
			const fields = String(note.flds).split('\u001f');
			expect(fields).toHaveLength((model.flds as unknown[]).length);
			// rslib/src/notes/mod.rs field_checksum: first 8 hex digits of SHA-1 of the plain first field
			const sha1 = createHash('sha1').update(String(note.sfld)).digest('hex');
			expect(note.csum).toBe(Number.parseInt(sha1.slice(0, 8), 16));
			expect(String(note.sfld)).not.toMatch(/<[a-z]/i);
			if (fields[0]!.includes('<img')) {
				pictured += 1;
				// The image's name between spaces, and no trim (strip_html_preserving_media_filenames).
				expect(note.sfld).toBe('Where is this?  smolny map.png ');
			}
		}
		expect(pictured).toBe(1);

		const noteIds = new Set(notes.map((n) => n.id));
		const cards = rows(anki, 'SELECT id, nid, did, ord, type, queue FROM cards');
		for (const card of cards) {
			expect(noteIds.has(card.nid)).toBe(true);
			expect(decks[String(card.did)]).toBeDefined();
			expect([0, 1, 2, 3]).toContain(card.type);
			expect([-3, -2, -1, 0, 1, 2, 3]).toContain(card.queue);
		}
		const cardIds = new Set(cards.map((c) => c.id));
		// rslib/src/revlog/mod.rs: ease 0-4, kinds 0-5
		for (const entry of rows(anki, 'SELECT cid, ease, type FROM revlog')) {
			expect(cardIds.has(entry.cid)).toBe(true);
			expect([0, 1, 2, 3, 4]).toContain(entry.ease);
			expect([0, 1, 2, 3, 4, 5]).toContain(entry.type);
		}
		// rslib/src/import_export/package/media.rs: legacy map {"0": "name"}, one zip entry per key
		const map = JSON.parse(new TextDecoder().decode(zip.media)) as Record<string, string>;
		expect(Object.values(map)).toEqual(['smolny map.png']);
		for (const key of Object.keys(map)) {
			expect(zip[key]).toBeInstanceOf(Uint8Array);
		}
		anki.close();
	}, 30_000);

	it('deck options travel as options groups Anki adds (ids not 1), with the values Anki reads', async () => {
		const { anki } = await exportedCollection();
		const [col] = rows(anki, 'SELECT decks, dconf FROM col');
		const decks = Object.values(JSON.parse(String(col!.decks)) as Record<string, Json>);
		const dconf = JSON.parse(String(col!.dconf)) as Record<string, Json>;
		const deck = (name: string) => decks.find((d) => d.name === name)!;
		// rslib apkg/import/decks.rs: a config is added only if its id is new (1 never is), and a
		// deck takes its `conf` unless that is 1.
		expect(deck(ROOT)).toMatchObject({ conf: 1, desc: 'Petrograd, 24–25 October' });
		const slow = dconf[String(deck(SUBDECK).conf)]!;
		expect(deck(SUBDECK).conf).not.toBe(1);
		// rslib deckconfig/schema11.rs: steps in minutes, LeechAction 0 = suspend, ReviewMix
		// 2 = before reviews, new.order 0 = random; desiredRetention is read with serde's default
		// (0 when missing), so it must be there.
		expect(slow).toMatchObject({
			name: 'Slow',
			new: { perDay: 7, delays: [2, 60], order: 0, bury: false },
			rev: { perDay: 70, maxIvl: 1000, bury: false },
			lapse: { delays: [15, 1440], leechFails: 5, leechAction: 0 },
			newMix: 2,
			desiredRetention: 0.85
		});
		expect(dconf['1']).toMatchObject({ desiredRetention: 0.9, lapse: { leechAction: 1 } });
		for (const conf of Object.values(dconf)) {
			expect(typeOf(conf.desiredRetention)).toBe('number');
			expect(typeOf(conf.sm2Retention)).toBe('number');
		}
		anki.close();
	}, 30_000);
});
