/** Renders a card's two sides from its note, note type and deck (HTML, still to be sanitised). */
import { cardOrdinals } from './card-generation';
import type { CardRecord, DeckRecord, NoteRecord, NoteTypeRecord } from './model';
import { MARKED_TAG, hasTag } from './note-tags';
import { renderTemplate, type RenderContext } from './template-render';

export interface CardView {
	card: CardRecord;
	front: string;
	back: string;
	css: string;
	/** The source sentence of the note, for "show source". */
	source?: string;
	deckName: string;
	/** The note has the `marked` tag ("Mark note"). */
	marked: boolean;
	/** The note's tags, for the study menu's tag editor. */
	tags: string[];
	/** The note's `mtime` as read: with the card's, what the resume snapshot is checked by. */
	noteMtime: number;
}

export interface CardSides {
	ord: number;
	name: string;
	front: string;
	back: string;
}

/** The front and back of template `ord` (or cloze number ord + 1) for these field values. */
export function renderSides(
	noteType: NoteTypeRecord,
	ord: number,
	fields: Record<string, string>,
	tags: string[],
	deckName: string
): CardSides {
	const template = noteType.kind === 'cloze' ? noteType.templates[0] : noteType.templates[ord];
	const base: Omit<RenderContext, 'side'> = {
		fields,
		tags,
		deck: deckName,
		noteType: noteType.name,
		cardName: template?.name ?? '',
		ord
	};
	const front = template ? renderTemplate(template.front, { ...base, side: 'front' }) : '';
	const back = template
		? renderTemplate(template.back, { ...base, side: 'back', frontSide: front })
		: '';
	return { ord, name: cardTypeName(noteType, ord), front, back };
}

/** The card's type as Anki names it: its template's name, or "Cloze N" for a cloze note. */
export function cardTypeName(noteType: NoteTypeRecord, ord: number): string {
	return noteType.kind === 'cloze' ? `Cloze ${ord + 1}` : (noteType.templates[ord]?.name ?? '');
}

export function renderCard(
	card: CardRecord,
	note: NoteRecord,
	noteType: NoteTypeRecord,
	deck: DeckRecord
): CardView {
	const { front, back } = renderSides(noteType, card.ord, note.fields, note.tags, deck.name);
	const marked = hasTag(note.tags, MARKED_TAG);
	return {
		card,
		front,
		back,
		css: noteType.css,
		source: note.source,
		deckName: deck.name,
		marked,
		tags: [...note.tags],
		noteMtime: note.mtime
	};
}

/** Every card a note with these fields would make, for the editor's live preview. */
export function previewCards(
	noteType: NoteTypeRecord,
	fields: Record<string, string>,
	tags: string[],
	deckName: string
): CardSides[] {
	const hasContent = Object.values(fields).some((value) => value.trim() !== '');
	if (!hasContent) {
		return [];
	}
	return cardOrdinals(noteType, fields).map((ord) =>
		renderSides(noteType, ord, fields, tags, deckName)
	);
}
