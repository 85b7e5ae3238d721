/**
 * Writes a legacy schema-11 Anki collection (what `collection.anki2` holds) with sql.js: the
 * layout every Anki since 2.0 and AnkiDroid can import.
 */
import type { Database, SqlJsStatic } from 'sql.js';

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);`;

export interface Schema11NoteType {
	id: number;
	name: string;
	cloze: boolean;
	fields: string[];
	templates: { name: string; front: string; back: string }[];
	css: string;
	/** Index of the field Anki sorts by and keeps as `sfld` (its `sortf`); absent: the first. */
	sortField?: number;
}

export interface Schema11Note {
	id: number;
	guid: string;
	mid: number;
	mod: number;
	tags: string[];
	fields: string[];
	/** Sort field as plain text and first-field checksum (note-checksum.ts); raw/0 when absent. */
	sortField?: string;
	checksum?: number;
}

export interface Schema11Card {
	id: number;
	nid: number;
	did: number;
	ord: number;
	/** 0 new, 1 learning, 2 review. */
	type: number;
	/** -1 suspended, -3 buried, else like type. */
	queue: number;
	due: number;
	ivl: number;
	reps: number;
	lapses: number;
	/** Anki's flag colour, 0-7. */
	flags?: number;
}

export interface Schema11Revlog {
	id: number;
	cid: number;
	/** 1-4 the button; 0 a manual change. */
	ease: number;
	ivl: number;
	/** Ease ×10; 0 on a manual entry means a reset. */
	factor: number;
	time: number;
	/** 0 learning, 1 review, 2 relearning, 4 manual. */
	type: number;
}

/** A deck options group (`dconf`), from an Engram preset. Steps are in minutes, as Anki keeps them. */
export interface Schema11DeckConfig {
	id: number;
	name: string;
	newPerDay: number;
	reviewsPerDay: number;
	learnSteps: number[];
	relearnSteps: number[];
	maximumInterval: number;
	desiredRetention: number;
	/** New cards placed in random order when added (Anki's insert order), else in order added. */
	randomOrder: boolean;
	/** Anki's ReviewMix: 0 mixed with reviews, 1 after them, 2 before them. */
	newMix: number;
	burySiblings: boolean;
	leechFails: number;
	/** Anki's LeechAction: 0 suspend, 1 tag only. */
	leechAction: number;
	/** Maximum answer seconds. */
	maxTaken: number;
	/** The preset's own FSRS parameters (19 for FSRS-5, 21 for FSRS-6), if it has them. */
	fsrsParams?: readonly number[];
}

export interface Schema11Content {
	/** Seconds since epoch: the collection's creation, day 0 for review due dates. */
	crt: number;
	mod: number;
	noteTypes: Schema11NoteType[];
	/** `conf` names one of `deckConfigs` (absent: 1, the collection's own default options). */
	decks: { id: number; name: string; description?: string; conf?: number }[];
	/** Options groups beyond Anki's default (id 1), which every collection has and keeps. */
	deckConfigs?: Schema11DeckConfig[];
	notes: Schema11Note[];
	cards: Schema11Card[];
	revlog: Schema11Revlog[];
	/** Written instead of 11 only by tests that check unknown-schema errors. */
	version?: number;
}

function modelJson(type: Schema11NoteType, mod: number, did: number) {
	return {
		id: type.id,
		name: type.name,
		type: type.cloze ? 1 : 0,
		mod,
		usn: -1,
		sortf: type.sortField ?? 0,
		did,
		tags: [],
		vers: [],
		css: type.css,
		latexPre: '\\documentclass[12pt]{article}\\begin{document}',
		latexPost: '\\end{document}',
		req: type.templates.map((_, ord) => [ord, 'any', [0]]),
		flds: type.fields.map((name, ord) => ({
			name,
			ord,
			sticky: false,
			rtl: false,
			font: 'Arial',
			size: 20,
			media: []
		})),
		tmpls: type.templates.map((t, ord) => ({
			name: t.name,
			ord,
			qfmt: t.front,
			afmt: t.back,
			did: null,
			bqfmt: '',
			bafmt: ''
		}))
	};
}

function deckJson(deck: Schema11Content['decks'][number], mod: number) {
	return {
		id: deck.id,
		name: deck.name,
		mod,
		usn: -1,
		desc: deck.description ?? '',
		dyn: 0,
		conf: deck.conf ?? 1,
		collapsed: false,
		extendNew: 10,
		extendRev: 50,
		newToday: [0, 0],
		revToday: [0, 0],
		lrnToday: [0, 0],
		timeToday: [0, 0]
	};
}

/** Anki's default options (id 1): every collection has its own, so an import never takes ours. */
const DEFAULT_CONFIG: Schema11DeckConfig = {
	id: 1,
	name: 'Default',
	newPerDay: 20,
	reviewsPerDay: 200,
	learnSteps: [1, 10],
	relearnSteps: [10],
	maximumInterval: 36500,
	desiredRetention: 0.9,
	randomOrder: false,
	newMix: 0,
	burySiblings: false,
	leechFails: 8,
	leechAction: 1,
	maxTaken: 60
};

/**
 * One `dconf` entry as rslib's DeckConfSchema11 reads it. `desiredRetention` must be written:
 * serde's default for a missing one is 0, not Anki's 0.9.
 */
function deckConfigJson(c: Schema11DeckConfig, mod: number) {
	return {
		id: c.id,
		name: c.name,
		mod: c.id === 1 ? 0 : mod,
		usn: -1,
		maxTaken: c.maxTaken,
		autoplay: true,
		timer: 0,
		replayq: true,
		dyn: false,
		new: {
			bury: c.burySiblings,
			delays: c.learnSteps,
			ints: [1, 4, 0],
			initialFactor: 2500,
			order: c.randomOrder ? 0 : 1,
			perDay: c.newPerDay
		},
		rev: {
			bury: c.burySiblings,
			perDay: c.reviewsPerDay,
			ease4: 1.3,
			ivlFct: 1,
			maxIvl: c.maximumInterval,
			hardFactor: 1.2
		},
		lapse: {
			delays: c.relearnSteps,
			mult: 0,
			minInt: 1,
			leechFails: c.leechFails,
			leechAction: c.leechAction
		},
		newMix: c.newMix,
		desiredRetention: c.desiredRetention,
		sm2Retention: 0.9,
		...fsrsParamsJson(c.fsrsParams)
	};
}

/**
 * FSRS parameters under the key Anki keeps that version's set in (it uses the newest set it
 * has); none written for a preset on the default parameters, so Anki keeps its own defaults.
 */
function fsrsParamsJson(params: readonly number[] | undefined) {
	if (params?.length === 21) {
		return { fsrsParams6: params };
	}
	return params?.length === 19 ? { fsrsParams5: params } : {};
}

export function writeSchema11(sql: SqlJsStatic, content: Schema11Content): Uint8Array {
	const db = new sql.Database();
	try {
		db.run(SCHEMA);
		const decks = [{ id: 1, name: 'Default' }, ...content.decks.filter((d) => d.id !== 1)];
		const firstDeck = content.decks[0]?.id ?? 1;
		db.run('INSERT INTO col VALUES (1, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)', [
			content.crt,
			content.mod * 1000,
			content.mod * 1000,
			content.version ?? 11,
			JSON.stringify({ nextPos: 1, curDeck: firstDeck, activeDecks: [firstDeck] }),
			JSON.stringify(
				Object.fromEntries(
					content.noteTypes.map((t) => [t.id, modelJson(t, content.mod, firstDeck)])
				)
			),
			JSON.stringify(Object.fromEntries(decks.map((d) => [d.id, deckJson(d, content.mod)]))),
			JSON.stringify(
				Object.fromEntries(
					[DEFAULT_CONFIG, ...(content.deckConfigs ?? [])].map((c) => [
						c.id,
						deckConfigJson(c, content.mod)
					])
				)
			),
			'{}'
		]);
		// One transaction for all rows: without it SQLite commits after every insert.
		db.run('BEGIN');
		insertRows(db, content);
		db.run('COMMIT');
		return db.export();
	} finally {
		db.close();
	}
}

function insertRows(db: Database, content: Schema11Content): void {
	const note = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
	for (const n of content.notes) {
		const tags = n.tags.length > 0 ? ` ${n.tags.join(' ')} ` : '';
		const sortField = n.sortField ?? n.fields[0] ?? '';
		note.run([
			n.id,
			n.guid,
			n.mid,
			n.mod,
			tags,
			n.fields.join('\u001f'),
			sortField,
			n.checksum ?? 0,
			''
		]);
	}
	note.free();
	const card = db.prepare(
		'INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?)'
	);
	for (const c of content.cards) {
		card.run([
			c.id,
			c.nid,
			c.did,
			c.ord,
			content.mod,
			c.type,
			c.queue,
			c.due,
			c.ivl,
			c.type === 0 ? 0 : 2500,
			c.reps,
			c.lapses,
			c.flags ?? 0,
			''
		]);
	}
	card.free();
	const rev = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, ?, 0, ?, ?, ?)');
	for (const r of content.revlog) {
		rev.run([r.id, r.cid, r.ease, r.ivl, r.factor, r.time, r.type]);
	}
	rev.free();
}
