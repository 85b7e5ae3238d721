/**
 * Engram's own deck JSON (decks/README.md), validated by the same schema as the bundled decks.
 * Cards the file marks (suspended, flagged, answered) get that state; answered ones have their
 * FSRS memory state rebuilt by replaying their reviews and manual changes (reset, set due date)
 * in order, as for Anki's revlog. Media come with
 * the file (base64, checked against their SHA-256).
 */
import type { DeckCard, DeckFile, DeckReview } from '../deck-file';
import { cardId, deckFileToRecords } from '../deck-records';
import type { CardRecord, NoteRecord, ReviewRecord } from '../model';
import { BUILTIN_NOTE_TYPES } from '../note-types';
import { queueForState } from '../queue-policy';
import { newCardState } from '../scheduler';
import { parseDeckJson, presetFromFile } from '../deck-file';
import { DEFAULT_PRESET_ID } from '../preset';
import { fromBase64 } from '../base64';
import { sha256Hex } from '../sha256';
import type { ImportBundle, ImportedMedia } from './bundle';
import { ImportError } from './errors';
import { mediaType } from './media-names';
import { replayWithChanges, type ManualChange } from './manual-changes';
import { historyScheduler, type PastAnswer } from './review-history';
import { decodeText } from './text-format';

/** A card the file lists that the templates did not make (Anki made it): it is kept. */
function addCard(cards: CardRecord[], note: NoteRecord, ord: number, now: Date): CardRecord {
	const card: CardRecord = {
		...newCardState(now),
		id: cardId(note.id, ord),
		noteId: note.id,
		deckId: note.deckId,
		ord,
		queue: 'new',
		position: cards.length,
		mtime: now.getTime()
	};
	cards.push(card);
	return card;
}

/** A card's history as answers and manual changes (reset, set due date), to replay in order. */
function splitHistory(entries: DeckReview[]): { answers: PastAnswer[]; changes: ManualChange[] } {
	const answers: PastAnswer[] = [];
	const changes: ManualChange[] = [];
	for (const r of entries) {
		const common = { sourceId: String(Date.parse(r.at)), id: r.id, review: new Date(r.at) };
		if ('change' in r) {
			changes.push({ ...common, kind: r.change, days: r.days, resetCounts: r.resetCounts });
		} else {
			answers.push({ ...common, rating: r.rating, duration: r.ms });
		}
	}
	return { answers, changes };
}

/** What the file says beyond the history: place in the new-card order, suspended, buried, flag. */
function applyMarks(card: CardRecord, entry: DeckCard): void {
	if (entry.position !== undefined) {
		card.position = entry.position;
	}
	if (entry.suspended) {
		card.queue = 'suspended';
	} else if (entry.buriedUntil !== undefined) {
		// A burial already over is lifted by the study screen, as for any other buried card.
		card.queue = 'buried';
		card.buriedUntil = Date.parse(entry.buriedUntil);
	}
	if (entry.flag) {
		card.flag = entry.flag;
	}
}

/** Applies each card's recorded state (adding listed cards); returns the rebuilt reviews. */
function applyCardStates(
	file: DeckFile,
	notes: NoteRecord[],
	cards: CardRecord[],
	now: Date
): ReviewRecord[] {
	const byId = new Map(cards.map((c) => [c.id, c]));
	const scheduler = historyScheduler();
	const reviews: ReviewRecord[] = [];
	file.notes.forEach((note, i) => {
		for (const entry of note.cards ?? []) {
			const card =
				byId.get(cardId(note.id, entry.ord)) ?? addCard(cards, notes[i]!, entry.ord, now);
			byId.set(card.id, card);
			if (entry.reviews.length > 0) {
				const { answers, changes } = splitHistory(entry.reviews);
				const ids = { cardId: card.id, deckId: card.deckId };
				const replay = replayWithChanges(scheduler, ids, answers, changes, now);
				Object.assign(card, replay.card, { queue: queueForState(replay.card.state) });
				reviews.push(...replay.reviews);
			}
			applyMarks(card, entry);
		}
	});
	return reviews;
}

/** The file's media, each checked against its SHA-256: a mismatch refuses the whole file. */
async function decodeMedia(file: DeckFile): Promise<ImportedMedia[]> {
	return Promise.all(
		(file.media ?? []).map(async (m) => {
			const bytes = fromBase64(m.data);
			if ((await sha256Hex(bytes)) !== m.sha256) {
				throw new ImportError(
					`The media file ${JSON.stringify(m.name.slice(0, 80))} does not match its checksum.`
				);
			}
			return { name: m.name, type: mediaType(m.name), bytes };
		})
	);
}

export async function engramJsonToBundle(bytes: Uint8Array, now: Date): Promise<ImportBundle> {
	const file = parseDeckJson(decodeText(bytes));
	const media = await decodeMedia(file);
	const { deck, subdecks, noteTypes, notes, cards } = deckFileToRecords(file, now);
	const reviews = applyCardStates(file, notes, cards, now);
	const typeIds = new Set(notes.map((n) => n.noteTypeId));
	return {
		format: 'engram-json',
		decks: [deck, ...subdecks],
		noteTypes: [...Object.values(BUILTIN_NOTE_TYPES), ...noteTypes].filter((t) =>
			typeIds.has(t.id)
		),
		notes,
		cards,
		reviews,
		media,
		// The collection's own default preset is never replaced by a file's (it holds every deck
		// that has no other); presets of their own travel with the decks that use them.
		presets: file.presets.filter((p) => p.id !== DEFAULT_PRESET_ID).map(presetFromFile),
		keepDecks: subdecks.map((d) => d.id),
		skipped: [],
		warnings: [],
		source: { decks: 1 + subdecks.length, revlog: reviews.length }
	};
}
