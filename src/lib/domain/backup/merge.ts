/**
 * Merges a backup into a collection the way a sync would, by globally unique ids: reviews are
 * immutable events (union); notes merge field by field by their per-field mtimes; decks, note
 * types, presets, settings and cards take the side changed last; a card whose merged history
 * holds reviews its winning side never saw gets its FSRS state rebuilt by replaying them all.
 * Deletions travel as tombstones (see `tombstones.ts`). Pure: returns what to write and delete.
 */
import type { FSRS } from 'ts-fsrs';
import { replayReviews } from '../history';
import type {
	CardRecord,
	DeckRecord,
	NoteRecord,
	NoteTypeRecord,
	ReviewRecord,
	SettingRecord,
	TombstoneRecord
} from '../model';
import { DEFAULT_PRESET, type DeckPreset } from '../preset';
import { queueForState } from '../queue-policy';
import { createScheduler } from '../scheduler';
import { canonicalJson } from './canonical';
import type { BackupContent, TableName } from './format';
import { applyTombstones, tombstoneKey } from './tombstones';

/** A collection's records without media bytes (media merge by hash in storage). */
export type MergeSide = Omit<BackupContent, 'media'>;
type RecordTable = Exclude<TableName, 'media'>;

export interface MergeResult {
	/** Records to put, by table: new ones and changed ones. */
	puts: MergeSide;
	/** Primary keys of this device's records a tombstone removes, by table. */
	deletes: Partial<Record<RecordTable, unknown[]>>;
	removed: Record<RecordTable, number>;
	added: Record<RecordTable, number>;
	updated: Record<RecordTable, number>;
}

interface Changes<T> {
	puts: T[];
	added: number;
	updated: number;
}

/** Walks the incoming records: new ids are added, known ones replaced by `resolve` if it differs. */
function mergeById<T>(
	local: readonly T[],
	incoming: readonly T[],
	key: (item: T) => string,
	resolve: (mine: T, theirs: T) => T
): Changes<T> {
	const mine = new Map(local.map((item) => [key(item), item]));
	const changes: Changes<T> = { puts: [], added: 0, updated: 0 };
	for (const theirs of incoming) {
		const current = mine.get(key(theirs));
		if (current === undefined) {
			changes.puts.push(theirs);
			changes.added += 1;
			continue;
		}
		const merged = resolve(current, theirs);
		if (merged !== current && canonicalJson(merged) !== canonicalJson(current)) {
			changes.puts.push(merged);
			changes.updated += 1;
		}
	}
	return changes;
}

/** The side changed last; on a tie this device's copy stays. */
const newer = <T extends { mtime: number }>(mine: T, theirs: T): T =>
	theirs.mtime > mine.mtime ? theirs : mine;

const keepMine = <T>(mine: T): T => mine;

/** Each field from the side that edited it last; the rest of the note from the newer side. */
export function mergeNote(mine: NoteRecord, theirs: NoteRecord): NoteRecord {
	const when = (note: NoteRecord, field: string) =>
		field in note.fields ? (note.fieldMtimes[field] ?? note.mtime) : -Infinity;
	// The common case, a note the backup has not changed since: nothing to build or compare.
	if (
		theirs.mtime <= mine.mtime &&
		Object.keys(theirs.fields).every((field) => when(theirs, field) <= when(mine, field))
	) {
		return mine;
	}
	const base = newer(mine, theirs);
	const fields: Record<string, string> = {};
	const fieldMtimes: Record<string, number> = {};
	for (const field of new Set([...Object.keys(mine.fields), ...Object.keys(theirs.fields)])) {
		const source = when(theirs, field) > when(mine, field) ? theirs : mine;
		fields[field] = source.fields[field] ?? theirs.fields[field] ?? '';
		fieldMtimes[field] = Math.max(when(mine, field), when(theirs, field));
	}
	return { ...base, fields, fieldMtimes, mtime: Math.max(mine.mtime, theirs.mtime) };
}

function reviewsByCard(reviews: readonly ReviewRecord[]): Map<string, ReviewRecord[]> {
	const byCard = new Map<string, ReviewRecord[]>();
	for (const review of reviews) {
		const list = byCard.get(review.cardId);
		if (list) {
			list.push(review);
		} else {
			byCard.set(review.cardId, [review]);
		}
	}
	return byCard;
}

interface CardContext {
	mineReviews: Map<string, ReviewRecord[]>;
	theirReviews: Map<string, ReviewRecord[]>;
	schedulerFor: (deckId: string) => FSRS;
}

/** Suspension and burying are the user's choice, not the schedule's: they survive a replay. */
const MANUAL_QUEUES = new Set(['suspended', 'buried']);

function mergeCard(mine: CardRecord, theirs: CardRecord, context: CardContext): CardRecord {
	const base = newer(mine, theirs);
	const ours = context.mineReviews.get(mine.id) ?? [];
	const their = context.theirReviews.get(theirs.id) ?? [];
	const merged = new Map([...ours, ...their].map((review) => [review.id, review]));
	const seenByBase = new Set((base === mine ? ours : their).map((review) => review.id));
	if ([...merged.keys()].every((id) => seenByBase.has(id))) {
		return base;
	}
	const reviews = [...merged.values()];
	const first = Math.min(...reviews.map((review) => review.review.getTime()));
	const state = replayReviews(context.schedulerFor(base.deckId), reviews, new Date(first));
	return {
		...base,
		...state,
		queue: MANUAL_QUEUES.has(base.queue) ? base.queue : queueForState(state.state),
		mtime: Math.max(mine.mtime, theirs.mtime)
	};
}

function schedulers(decks: DeckRecord[], presets: DeckPreset[]): (deckId: string) => FSRS {
	const presetOf = new Map(decks.map((deck) => [deck.id, deck.presetId]));
	const byId = new Map(presets.map((preset) => [preset.id, preset]));
	const cache = new Map<string, FSRS>();
	return (deckId) => {
		const presetId = presetOf.get(deckId) ?? DEFAULT_PRESET.id;
		let scheduler = cache.get(presetId);
		if (!scheduler) {
			scheduler = createScheduler(byId.get(presetId) ?? DEFAULT_PRESET);
			cache.set(presetId, scheduler);
		}
		return scheduler;
	};
}

/** Latest of each, by key, after merging: e.g. the decks and presets cards are scheduled with. */
function mergedView<T>(
	local: T[],
	changes: Changes<T>,
	key: (item: T) => string = (item) => (item as { id: string }).id
): T[] {
	return [...new Map([...local, ...changes.puts].map((item) => [key(item), item])).values()];
}

/** A setting from the side that wrote it last (settings from before mtimes count as oldest). */
const newerSetting = (mine: SettingRecord, theirs: SettingRecord): SettingRecord =>
	(theirs.mtime ?? 0) > (mine.mtime ?? 0) ? theirs : mine;

/** Both deleted it: the later deletion is kept. */
const laterDeletion = (mine: TombstoneRecord, theirs: TombstoneRecord): TombstoneRecord =>
	theirs.deletedAt > mine.deletedAt ? theirs : mine;

export function mergeCollections(local: MergeSide, incoming: MergeSide): MergeResult {
	const tombstones = mergeById(local.tombstones, incoming.tombstones, tombstoneKey, laterDeletion);
	const all = mergedView(local.tombstones, tombstones, tombstoneKey);
	const live = applyTombstones(local, incoming, all);
	const result = mergeLive(live.local, live.incoming);
	const changes = { ...result, tombstones };
	const pick = <K extends 'puts' | 'added' | 'updated'>(field: K) =>
		Object.fromEntries(Object.entries(changes).map(([name, change]) => [name, change[field]]));
	return {
		puts: pick('puts') as unknown as MergeSide,
		deletes: live.deletes,
		removed: live.removed,
		added: pick('added') as MergeResult['added'],
		updated: pick('updated') as MergeResult['updated']
	};
}

/** Merges two collections whose deleted records are already gone. */
function mergeLive(local: MergeSide, incoming: MergeSide) {
	const byId = (item: { id: string }) => item.id;
	const decks = mergeById<DeckRecord>(local.decks, incoming.decks, byId, newer);
	const presets = mergeById<DeckPreset>(local.presets, incoming.presets, byId, newer);
	const context: CardContext = {
		mineReviews: reviewsByCard(local.reviews),
		theirReviews: reviewsByCard(incoming.reviews),
		schedulerFor: schedulers(mergedView(local.decks, decks), mergedView(local.presets, presets))
	};
	const tables = {
		decks,
		presets,
		noteTypes: mergeById<NoteTypeRecord>(local.noteTypes, incoming.noteTypes, byId, newer),
		notes: mergeById<NoteRecord>(local.notes, incoming.notes, byId, mergeNote),
		reviews: mergeById<ReviewRecord>(local.reviews, incoming.reviews, byId, keepMine),
		settings: mergeById<SettingRecord>(
			local.settings,
			incoming.settings,
			(s) => s.key,
			newerSetting
		),
		cards: mergeById<CardRecord>(local.cards, incoming.cards, byId, (mine, theirs) =>
			mergeCard(mine, theirs, context)
		)
	};
	return tables;
}
