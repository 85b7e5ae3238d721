/** Renders a card's two sides from its note, note type and deck (HTML, still to be sanitised). */
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './model';
import { renderTemplate, type RenderContext } from './template-render';

export interface CardView {
	card: CardRecord;
	front: string;
	back: string;
	css: string;
	/** The source sentence of the note, for "show source". */
	source?: string;
	deckName: string;
}

export function renderCard(
	card: CardRecord,
	note: NoteRecord,
	noteType: NoteTypeRecord,
	deck: DeckRecord
): CardView {
	const template = noteType.kind === 'cloze' ? noteType.templates[0] : noteType.templates[card.ord];
	const base: Omit<RenderContext, 'side'> = {
		fields: note.fields,
		tags: note.tags,
		deck: deck.name,
		noteType: noteType.name,
		cardName: template?.name ?? '',
		ord: card.ord
	};
	const front = template ? renderTemplate(template.front, { ...base, side: 'front' }) : '';
	const back = template
		? renderTemplate(template.back, { ...base, side: 'back', frontSide: front })
		: '';
	return { card, front, back, css: noteType.css, source: note.source, deckName: deck.name };
}
