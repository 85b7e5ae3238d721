/**
 * How a backup merges into a collection, record by record, the way a sync would (by globally
 * unique ids): reviews are immutable events (union); notes merge field by field by their
 * per-field mtimes; decks, note types, presets, settings and cards take the side changed last; a
 * card whose merged history holds reviews its winning side never saw gets its FSRS state rebuilt
 * by replaying them all. Deletions travel as tombstones (see `tombstones.ts`). Pure rules: the
 * storage side pages through both collections and applies them (storage/backup-merge.ts).
 */
import type { FSRS } from 'ts-fsrs';
import { replayReviews } from '../history';
import type { CardRecord, DeckRecord, NoteRecord, ReviewRecord, SettingRecord } from '../model';
import { DEFAULT_PRESET, type DeckPreset } from '../preset';
import { queueForState } from '../queue-policy';
import { createScheduler } from '../scheduler';

/** The side changed last; on a tie this device's copy stays. */
export const newer = <T extends { mtime: number }>(mine: T, theirs: T): T =>
	theirs.mtime > mine.mtime ? theirs : mine;

/** Reviews never change: the copy here stays. */
export const keepMine = <T>(mine: T): T => mine;

/** A setting from the side that wrote it last (settings from before mtimes count as oldest). */
export const newerSetting = (mine: SettingRecord, theirs: SettingRecord): SettingRecord =>
	(theirs.mtime ?? 0) > (mine.mtime ?? 0) ? theirs : mine;

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

/** Suspension and burying are the user's choice, not the schedule's: they survive a replay. */
const MANUAL_QUEUES = new Set(['suspended', 'buried']);

/**
 * What a card merge needs to know of its history, after deletions: how many reviews only this
 * device holds, and how many only the backup holds (the merged history is the union by id).
 */
export interface CardHistory {
	onlyMine: number;
	onlyTheirs: number;
}

/** The newer side of a card, or undefined when it must be rebuilt from the merged reviews. */
export function cardWithoutReplay(
	mine: CardRecord,
	theirs: CardRecord,
	history: CardHistory
): CardRecord | undefined {
	const base = newer(mine, theirs);
	const unseen = base === mine ? history.onlyTheirs : history.onlyMine;
	return unseen === 0 ? base : undefined;
}

/** The newer side's card with its FSRS state replayed from every review of the merged history. */
export function replayedCard(
	mine: CardRecord,
	theirs: CardRecord,
	reviews: readonly ReviewRecord[],
	scheduler: FSRS
): CardRecord {
	const base = newer(mine, theirs);
	const first = Math.min(...reviews.map((review) => review.review.getTime()));
	// The newer side tells what a last manual row did (a reset, or the due date it set).
	const state = replayReviews(scheduler, [...reviews], new Date(first), base);
	return {
		...base,
		...state,
		queue: MANUAL_QUEUES.has(base.queue) ? base.queue : queueForState(state.state),
		mtime: Math.max(mine.mtime, theirs.mtime)
	};
}

/** The scheduler each deck's cards are replayed with (its preset, or the default). */
export function schedulers(decks: DeckRecord[], presets: DeckPreset[]): (deckId: string) => FSRS {
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
