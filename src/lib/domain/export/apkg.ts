/**
 * Exports decks as a legacy `.apkg` (schema 11 in `collection.anki2`, JSON media map): the
 * generation every Anki and AnkiDroid imports. Scheduling travels as review history (revlog),
 * from which Engram, and Anki with FSRS, rebuild each card's memory state.
 */
import { zipSync } from 'fflate';
import type { SqlJsStatic } from 'sql.js';
import { groupBy } from '../group-by';
import { Rating, State } from '../scheduler';
import type { CardRecord, ReviewRecord } from '../model';
import { guidForNote } from '../note-guid';
import type { ExportData } from './export-data';
import { noteSortAndChecksum, withoutAnkiControlChars } from './note-checksum';
import { MAX_ANSWER_SECONDS_RANGE, maxAnswerSeconds } from '../answer-time';
import { leechOptions } from '../leech';
import { DEFAULT_PRESET_ID, type DeckPreset } from '../preset';
import {
	writeSchema11,
	type Schema11Card,
	type Schema11Content,
	type Schema11DeckConfig
} from './anki-schema11-writer';

const DAY = 86_400_000;

/** Anki's card type: 0 new, 1 learning, 2 review, 3 relearning. */
const CARD_TYPE: Record<State, number> = {
	[State.New]: 0,
	[State.Learning]: 1,
	[State.Review]: 2,
	[State.Relearning]: 3
};

function ankiQueue(card: CardRecord, type: number): number {
	if (card.queue === 'suspended') {
		return -1;
	}
	if (card.queue === 'buried') {
		return -3;
	}
	return type === 3 ? 1 : type;
}

/** Due: a position for new cards, a day number for reviews, epoch seconds for learning. */
function ankiDue(card: CardRecord, type: number, crt: number): number {
	const dueMs = new Date(card.due).getTime();
	if (type === 0) {
		return card.position;
	}
	return type === 2 ? Math.floor((dueMs - crt * 1000) / DAY) : Math.floor(dueMs / 1000);
}

function ankiCard(
	card: CardRecord,
	id: number,
	nid: number,
	did: number,
	crt: number
): Schema11Card {
	const type = CARD_TYPE[card.state];
	return {
		id,
		nid,
		did,
		ord: card.ord,
		type,
		queue: ankiQueue(card, type),
		due: ankiDue(card, type, crt),
		ivl: card.scheduled_days,
		reps: card.reps,
		lapses: card.lapses,
		flags: card.flag ?? 0
	};
}

/** A learning step (`10m`, `1h`, `1d`) in minutes, as Anki's options keep steps. */
function stepMinutes(step: string): number {
	const value = Number.parseFloat(step);
	const unit = step.at(-1);
	return unit === 'd' ? value * 1440 : unit === 'h' ? value * 60 : value;
}

const NEW_MIX: Record<DeckPreset['newMix'], number> = { mixed: 0, after: 1, before: 2 };

/** The preset as Anki deck options (leech: Anki's 0 suspends, 1 only tags). */
function deckConfig(preset: DeckPreset, id: number): Schema11DeckConfig {
	const leech = leechOptions(preset);
	return {
		id,
		name: preset.name,
		newPerDay: preset.newPerDay,
		reviewsPerDay: preset.reviewsPerDay,
		learnSteps: preset.learningSteps.map(stepMinutes),
		relearnSteps: preset.relearningSteps.map(stepMinutes),
		maximumInterval: preset.maximumInterval,
		desiredRetention: preset.desiredRetention,
		randomOrder: preset.newOrder === 'random',
		newMix: NEW_MIX[preset.newMix],
		burySiblings: preset.burySiblings,
		leechFails: leech.threshold,
		leechAction: leech.action === 'suspend' ? 0 : 1,
		maxTaken: maxAnswerSeconds(preset),
		fsrsParams: preset.weights
	};
}

/** Day 0 for review due dates: a day before the oldest note, like a collection's creation. */
function creationTime(data: ExportData, now: Date): number {
	let oldest = now.getTime();
	for (const note of data.notes) {
		oldest = Math.min(oldest, note.createdAt);
	}
	return Math.floor((oldest - DAY) / 1000);
}

export async function buildApkg(
	data: ExportData,
	sql: SqlJsStatic,
	now: Date
): Promise<Uint8Array> {
	const mod = Math.floor(now.getTime() / 1000);
	const crt = creationTime(data, now);
	const base = now.getTime();
	const ids = <T>(items: T[], offset: number) =>
		new Map(items.map((item, i) => [item, base + offset + i]));
	const typeIds = ids(
		data.noteTypes.map((t) => t.id),
		0
	);
	const deckIds = ids(
		data.decks.map((d) => d.id),
		1000
	);
	const noteIds = ids(
		data.notes.map((n) => n.id),
		10_000
	);
	const cardIds = ids(
		data.cards.map((c) => c.id),
		10_000 + data.notes.length
	);
	// The default preset stays Anki's default options (id 1): an import never replaces those.
	const presets = data.presets.filter((p) => p.id !== DEFAULT_PRESET_ID);
	const configIds = ids(
		presets.map((p) => p.id),
		2000
	);
	const typeById = new Map(data.noteTypes.map((t) => [t.id, t]));
	const content: Schema11Content = {
		crt,
		mod,
		noteTypes: data.noteTypes.map((t) => ({
			...t,
			id: typeIds.get(t.id)!,
			cloze: t.kind === 'cloze'
		})),
		decks: data.decks.map((d) => ({
			id: deckIds.get(d.id)!,
			name: d.name,
			description: d.description,
			conf: configIds.get(d.presetId) ?? 1
		})),
		deckConfigs: presets.map((p) => deckConfig(p, configIds.get(p.id)!)),
		notes: await Promise.all(
			data.notes.map(async (n) => {
				const type = typeById.get(n.noteTypeId);
				const fields = (type?.fields ?? []).map((f) => withoutAnkiControlChars(n.fields[f] ?? ''));
				return {
					id: noteIds.get(n.id)!,
					guid: guidForNote(n.id),
					mid: typeIds.get(n.noteTypeId)!,
					mod: Math.floor(n.mtime / 1000),
					tags: n.tags,
					fields,
					...(await noteSortAndChecksum(fields, type?.sortField ?? 0))
				};
			})
		),
		cards: data.cards
			.filter((c) => noteIds.has(c.noteId))
			.map((c) =>
				ankiCard(c, cardIds.get(c.id)!, noteIds.get(c.noteId)!, deckIds.get(c.deckId) ?? 1, crt)
			),
		revlog: revlogRows(data, cardIds)
	};
	const files: Record<string, Uint8Array> = { 'collection.anki2': writeSchema11(sql, content) };
	const map: Record<string, string> = {};
	data.media.forEach((m, i) => {
		files[String(i)] = m.bytes;
		map[String(i)] = m.name;
	});
	files.media = new TextEncoder().encode(JSON.stringify(map));
	return zipSync(files, { level: 6 });
}

/** Anki's revlog kind for an answer given in `state`, or for a manual change (rslib revlog/mod.rs). */
const MANUAL_KIND = 4;
const answerKind = (state: State) =>
	state === State.Review ? 1 : state === State.Relearning ? 2 : 0;

/**
 * Each review with the card's state right after it: the next review's "state before", or the
 * card's own state after the last one. A manual row followed by a new card was a reset.
 */
function withStateAfter(data: ExportData, cardIds: Map<string, number>) {
	const cards = new Map(data.cards.map((c) => [c.id, c]));
	const time = (r: ReviewRecord) => new Date(r.review).getTime();
	const byCard = groupBy(
		data.reviews.filter((r) => cardIds.has(r.cardId)),
		(r) => r.cardId
	);
	return [...byCard.values()]
		.flatMap((list) =>
			list
				.sort((a, b) => time(a) - time(b))
				.map((review, i) => ({
					review,
					at: time(review),
					after: list[i + 1]?.state ?? cards.get(review.cardId)!.state
				}))
		)
		.sort((a, b) => a.at - b.at);
}

/**
 * One revlog row per Engram review, manual changes included (ease 0, kind Manual, factor 0 for a
 * reset, the new interval for "set due date"); ids are answer times in ms and must be unique.
 */
function revlogRows(data: ExportData, cardIds: Map<string, number>): Schema11Content['revlog'] {
	let last = 0;
	return withStateAfter(data, cardIds).map(({ review: r, at, after }) => {
		last = Math.max(last + 1, at);
		const cid = cardIds.get(r.cardId)!;
		if (r.rating === Rating.Manual) {
			const reset = after === State.New;
			const ivl = reset ? 0 : r.scheduled_days;
			return { id: last, cid, ease: 0, ivl, factor: reset ? 0 : 2500, time: 0, type: MANUAL_KIND };
		}
		return {
			id: last,
			cid,
			ease: r.rating,
			ivl: r.scheduled_days,
			factor: 2500,
			// Stored times already honour their preset's cap; this bounds older rows by Anki's limit.
			time: Math.min(r.duration, MAX_ANSWER_SECONDS_RANGE.max * 1000),
			type: answerKind(r.state)
		};
	});
}
