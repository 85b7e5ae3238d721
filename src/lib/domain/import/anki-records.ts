/**
 * Turns an Anki package into Engram records. Notes keep Anki's GUID (`anki:<guid>`), or get back
 * the Engram id an Engram export wrote into it (note-guid.ts), so the same note arriving again
 * (from a .apkg or a notes-in-plain-text export) merges; cards keep Anki's ordinals; filtered
 * decks are dissolved into their home decks; suspended stays suspended.
 */
import { cardId, deckIdForName, deckRecord } from '../deck-records';
import { fsrsWeightsFromAnki, presetFromAnkiConfig } from '../anki-deck-config';
import { groupBy } from '../group-by';
import type { CardRecord, NoteRecord, NoteTypeRecord, Queue } from '../model';
import type { DeckPreset } from '../preset';
import { newCardState, State } from '../scheduler';
import type { AnkiCard, AnkiDeck, AnkiNote, AnkiNoteType, AnkiRevlog } from './anki-collection';
import type { AnkiPackage } from './anki-package';
import type { ImportBundle, ProgressHandler } from './bundle';
import { MAX_FIELD_CHARS } from './errors';
import { stableHash } from './hash';
import { noteIdForGuid } from '../note-guid';
import { mediaType, referencedMedia } from './media-names';
import { replayWithChanges, type ManualChange } from './manual-changes';
import { historyScheduler, type PastAnswer } from './review-history';

/** Revlog kinds Manual (4) and Rescheduled (5) with no button: a schedule change, not an answer. */
function isManualChange(entry: AnkiRevlog): boolean {
	return entry.ease === 0 && (entry.type === 4 || entry.type === 5);
}

function manualChange(entry: AnkiRevlog): ManualChange {
	const reset = entry.type === 4 && entry.factor === 0;
	return {
		sourceId: String(entry.id),
		kind: reset ? 'reset' : 'due',
		review: new Date(entry.id),
		days: Math.max(0, entry.ivl)
	};
}

export { deckIdForName, deckRecord };

export function noteTypeRecord(type: AnkiNoteType, time: number): NoteTypeRecord {
	const shape = JSON.stringify([type.fields, type.templates, type.cloze]);
	return {
		id: `anki-nt:${type.id}:${stableHash(shape)}`,
		name: type.name,
		kind: type.cloze ? 'cloze' : 'standard',
		fields: type.fields,
		templates: type.cloze ? type.templates.slice(0, 1) : type.templates,
		css: type.css,
		...sortFieldOf(type),
		mtime: time
	};
}

/** Anki's sort field, kept when it is a field of the type other than the first. */
function sortFieldOf(type: AnkiNoteType): Pick<NoteTypeRecord, 'sortField'> {
	const index = type.sortField;
	return index > 0 && index < type.fields.length ? { sortField: index } : {};
}

/** The deck and its ancestors (`A::B::C` → A, A::B, A::B::C). */
export function withAncestors(name: string): string[] {
	const parts = name.split('::');
	return parts.map((_, i) => parts.slice(0, i + 1).join('::'));
}

function queueOf(card: AnkiCard, state: State): Queue {
	if (card.queue === -1) {
		return 'suspended';
	}
	if (state === State.New) {
		return 'new';
	}
	return state === State.Review ? 'review' : 'learning';
}

interface Context {
	now: Date;
	time: number;
	bundle: ImportBundle;
	onProgress?: ProgressHandler;
}

export function ankiPackageToBundle(
	pkg: AnkiPackage,
	format: ImportBundle['format'],
	now: Date,
	onProgress?: ProgressHandler
): ImportBundle {
	const { collection } = pkg;
	const bundle: ImportBundle = {
		format,
		decks: [],
		noteTypes: [],
		notes: [],
		cards: [],
		reviews: [],
		media: pkg.media.map((m) => ({ ...m, type: mediaType(m.name) })),
		skipped: [],
		warnings: [...pkg.warnings],
		source: { decks: collection.decks.length, revlog: collection.revlog.length }
	};
	const ctx: Context = { now, time: now.getTime(), bundle, onProgress };
	const decks = new Map(collection.decks.map((d) => [d.id, d]));
	const types = new Map(collection.noteTypes.map((t) => [t.id, t]));
	const cardsByNote = groupBy(collection.cards, (c) => c.nid);
	const revlogByCard = groupBy(collection.revlog, (r) => r.cid);
	const usedTypes = new Map<number, NoteTypeRecord>();
	const usedDecks = new Set<string>();
	const scheduler = historyScheduler();
	const importedCards: number[] = [];

	collection.notes.forEach((anki, index) => {
		if (index % 500 === 0) {
			onProgress?.('Reading notes', index / Math.max(1, collection.notes.length));
		}
		const type = types.get(anki.mid);
		const cards = cardsByNote.get(anki.id) ?? [];
		const problem = noteProblem(anki, type, cards);
		if (problem || !type) {
			bundle.skipped.push({ where: `note ${anki.guid}`, reason: problem ?? 'no note type' });
			return;
		}
		const noteType = usedTypes.get(type.id) ?? noteTypeRecord(type, ctx.time);
		usedTypes.set(type.id, noteType);
		const deckNames = cards.map((c) => homeDeckName(c, decks));
		deckNames.forEach((n) => usedDecks.add(n));
		const note = noteRecord(anki, type, noteType, deckIdForName(deckNames[0]!));
		bundle.notes.push(note);
		cards.forEach((card, i) => {
			importedCards.push(card.id);
			addCard(ctx, scheduler, card, note, deckIdForName(deckNames[i]!), revlogByCard.get(card.id));
		});
	});

	bundle.noteTypes = [...usedTypes.values()];
	const allDeckNames = new Set([...usedDecks].flatMap(withAncestors));
	withPresets(bundle, [...allDeckNames], collection, ctx.time);
	reportDecksLeftOut(collection.decks, allDeckNames, bundle.warnings);
	reportRevlog(collection.revlog, bundle, new Set(importedCards));
	reportMissingMedia(bundle);
	return bundle;
}

/** Each deck with a preset made from its Anki options (Anki's Default when its own is gone). */
function withPresets(
	bundle: ImportBundle,
	names: string[],
	collection: AnkiPackage['collection'],
	time: number
): void {
	const configs = new Map(collection.deckConfigs.map((c) => [c.id, c]));
	const configIds = new Map(collection.decks.map((d) => [d.name, d.configId]));
	const presets = new Map<string, DeckPreset>();
	const problems = new Set<string | undefined>();
	bundle.decks = names.map((name) => {
		const deck = deckRecord(name, time);
		const configId = configIds.get(name);
		const config = configId === undefined ? undefined : (configs.get(configId) ?? configs.get(1));
		if (!config) {
			return deck;
		}
		const preset = presetFromAnkiConfig(config);
		presets.set(preset.id, preset);
		problems.add(fsrsWeightsFromAnki(config).problem);
		return { ...deck, presetId: preset.id };
	});
	bundle.presets = [...presets.values()];
	bundle.warnings.push(...[...problems].filter((p): p is string => p !== undefined));
}

function noteProblem(note: AnkiNote, type: AnkiNoteType | undefined, cards: AnkiCard[]) {
	if (!type) {
		return 'its note type is missing from the package';
	}
	if (cards.length === 0) {
		return 'it has no cards';
	}
	if (note.fields.some((f) => f.length > MAX_FIELD_CHARS)) {
		return 'a field is larger than 1,000,000 characters';
	}
	return undefined;
}

function homeDeckName(card: AnkiCard, decks: Map<number, AnkiDeck>): string {
	// A card in a filtered deck goes back to its home deck (odid).
	const deck = decks.get(card.odid || card.did);
	return deck && !deck.filtered ? deck.name : 'Default';
}

function noteRecord(
	anki: AnkiNote,
	type: AnkiNoteType,
	noteType: NoteTypeRecord,
	deckId: string
): NoteRecord {
	const mtime = anki.mod * 1000;
	const fields: Record<string, string> = {};
	type.fields.forEach((name, i) => {
		fields[name] = anki.fields[i] ?? '';
	});
	return {
		id: noteIdForGuid(anki.guid),
		deckId,
		noteTypeId: noteType.id,
		fields,
		fieldMtimes: Object.fromEntries(type.fields.map((n) => [n, mtime])),
		tags: anki.tags,
		createdAt: anki.id,
		mtime
	};
}

function addCard(
	ctx: Context,
	scheduler: ReturnType<typeof historyScheduler>,
	anki: AnkiCard,
	note: NoteRecord,
	deckId: string,
	revlog: AnkiRevlog[] | undefined
): void {
	const id = cardId(note.id, anki.ord);
	const answers: PastAnswer[] = (revlog ?? [])
		.filter((r) => r.ease >= 1 && r.ease <= 4)
		.map((r) => ({
			sourceId: String(r.id),
			rating: r.ease as PastAnswer['rating'],
			review: new Date(r.id),
			duration: Math.max(0, r.time)
		}));
	const changes = (revlog ?? []).filter(isManualChange).map(manualChange);
	const replay =
		answers.length + changes.length > 0
			? replayWithChanges(scheduler, { cardId: id, deckId }, answers, changes, ctx.now)
			: { card: newCardState(ctx.now), reviews: [] };
	ctx.bundle.reviews.push(...replay.reviews);
	const card: CardRecord = {
		...replay.card,
		id,
		noteId: note.id,
		deckId,
		ord: anki.ord,
		queue: queueOf(anki, replay.card.state),
		position: anki.type === 0 ? anki.due : ctx.bundle.cards.length,
		mtime: ctx.time
	};
	if (anki.flags & 7) {
		card.flag = anki.flags & 7;
	}
	ctx.bundle.cards.push(card);
}

function reportDecksLeftOut(decks: AnkiDeck[], imported: Set<string>, warnings: string[]): void {
	const filtered = decks.filter((d) => d.filtered).map((d) => d.name);
	if (filtered.length > 0) {
		warnings.push(
			`Filtered decks are not imported; their cards went back to their home decks: ${filtered.join(', ')}.`
		);
	}
	// Every Anki collection has a "Default" deck (id 1); an empty one is not worth a warning.
	const empty = decks.filter((d) => !d.filtered && d.id !== 1 && !imported.has(d.name)).length;
	if (empty > 0) {
		warnings.push(`${empty} empty deck${empty === 1 ? ' was' : 's were'} left out.`);
	}
}

function reportRevlog(revlog: AnkiRevlog[], bundle: ImportBundle, cardIds: Set<number>): void {
	const manual = revlog.filter((r) => (r.ease < 1 || r.ease > 4) && !isManualChange(r)).length;
	const orphans = revlog.filter(
		(r) => ((r.ease >= 1 && r.ease <= 4) || isManualChange(r)) && !cardIds.has(r.cid)
	).length;
	if (manual > 0) {
		bundle.warnings.push(
			`${manual} review history entries with no answer (cramming or unknown kinds) were left out.`
		);
	}
	if (orphans > 0) {
		bundle.warnings.push(
			`${orphans} review history entries belong to cards that are not in the file and were left out.`
		);
	}
}

function reportMissingMedia(bundle: ImportBundle): void {
	const present = new Set(bundle.media.map((m) => m.name));
	const missing = new Set<string>();
	for (const note of bundle.notes) {
		for (const value of Object.values(note.fields)) {
			for (const name of referencedMedia(value)) {
				if (!present.has(decodeURIComponentSafe(name)) && !present.has(name)) {
					missing.add(name);
				}
			}
		}
	}
	if (missing.size > 0) {
		const list = [...missing].slice(0, 5).join(', ');
		bundle.warnings.push(
			`${missing.size} media file${missing.size === 1 ? ' is' : 's are'} missing from the file: ${list}${missing.size > 5 ? ', …' : ''}.`
		);
	}
}

function decodeURIComponentSafe(name: string): string {
	try {
		return decodeURIComponent(name);
	} catch {
		return name;
	}
}
