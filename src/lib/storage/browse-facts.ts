/**
 * A card as the search evaluator sees it (CardFacts): its own fields, plus where it sits: the
 * deck's name and preset, and the name of the template it was made from.
 */
import { leechOptions } from '$lib/domain/leech';
import { DEFAULT_PRESET, type DeckPreset } from '$lib/domain/preset';
import type { CardFacts } from '$lib/domain/search/evaluate';
import type { CardRecord, DeckRecord, NoteTypeRecord } from '$lib/domain/model';
import { deckPreset } from './browse-index';

/** Where a card sits, by deck and note type: the names and the preset its facts need. */
export class CardPlaces {
	#decks: Map<string, { deckName: string; preset: DeckPreset }>;
	#types: Map<string, NoteTypeRecord>;

	constructor(
		decks: readonly DeckRecord[],
		noteTypes: readonly NoteTypeRecord[],
		presets: readonly DeckPreset[]
	) {
		const presetById = new Map(presets.map((preset) => [preset.id, preset]));
		this.#decks = new Map(
			decks.map((deck) => [deck.id, { deckName: deck.name, preset: deckPreset(deck, presetById) }])
		);
		this.#types = new Map(noteTypes.map((type) => [type.id, type]));
	}

	deckName(deckId: string): string {
		return this.#decks.get(deckId)?.deckName ?? '';
	}

	facts(card: CardRecord, noteTypeId: string): CardFacts {
		const deck = this.#decks.get(card.deckId);
		const type = this.#types.get(noteTypeId);
		// A cloze note type has one template for every cloze number.
		const template = type?.templates[type.kind === 'cloze' ? 0 : card.ord];
		const preset = deck?.preset ?? DEFAULT_PRESET;
		return cardFacts(card, {
			deckName: deck?.deckName ?? '',
			presetName: preset.name,
			weights: deck?.preset.weights,
			leechThreshold: leechOptions(preset).threshold,
			templateName: template?.name ?? ''
		});
	}
}

/** What the evaluator needs of a card's deck, preset and template. */
export type CardPlace = Pick<
	CardFacts,
	'deckName' | 'presetName' | 'weights' | 'leechThreshold' | 'templateName'
>;

export function cardFacts(card: CardRecord, place: CardPlace): CardFacts {
	return {
		...place,
		id: card.id,
		ord: card.ord,
		queue: card.queue,
		state: card.state,
		position: card.position,
		due: card.due,
		flag: card.flag ?? 0,
		interval: card.scheduled_days,
		reps: card.reps,
		lapses: card.lapses,
		stability: card.stability,
		difficulty: card.difficulty,
		lastReview: card.last_review ?? undefined
	};
}
