/** The summary `npm run deck -- inspect` prints, computed from what the importer produced. */
import type { ImportBundle } from './bundle';

export interface InspectReport {
	format: ImportBundle['format'];
	notes: number;
	cards: number;
	decks: { name: string; notes: number; cards: number }[];
	noteTypes: { name: string; kind: 'standard' | 'cloze'; fields: string[] }[];
	media: number;
	reviews: number;
	suspended: number;
	/** What the file itself holds (decks include filtered and empty ones; every revlog row). */
	source: { decks: number; revlog: number };
	skipped: { where: string; reason: string }[];
	warnings: string[];
}

export function inspectBundle(bundle: ImportBundle): InspectReport {
	const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;
	const noteDecks = bundle.notes.map((n) => n.deckId);
	const cardDecks = bundle.cards.map((c) => c.deckId);
	return {
		format: bundle.format,
		notes: bundle.notes.length,
		cards: bundle.cards.length,
		decks: bundle.decks
			.map((d) => ({ name: d.name, notes: count(noteDecks, d.id), cards: count(cardDecks, d.id) }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		noteTypes: bundle.noteTypes.map((t) => ({ name: t.name, kind: t.kind, fields: t.fields })),
		media: bundle.media.length,
		reviews: bundle.reviews.length,
		suspended: bundle.cards.filter((c) => c.queue === 'suspended').length,
		source: bundle.source,
		skipped: bundle.skipped,
		warnings: bundle.warnings
	};
}
