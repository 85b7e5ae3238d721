/**
 * The deck builder: a passage in, candidate notes out, with no network and no server.
 * cleanPassage → sentences → names, dates, quotes → cards → merged, ordered candidates.
 */
import { KIND_ORDER, mergeCandidates, type Candidate } from './candidate';
import { dateCards } from './date-cards';
import { extractDates, type DateMention } from './dates';
import { nameCards, nameWords } from './name-cards';
import { extractNames, type Entity } from './names';
import { quoteCards, termCards } from './quote-cards';
import { extractQuotes, type Quotation, type Term } from './quotes';
import { toSentences, type Sentence } from './sentences';
import { cleanPassage } from './text-cleanup';

export type { Candidate } from './candidate';
export { KIND_ORDER } from './candidate';
export { candidatesToDeck, type DeckOptions } from './to-deck';

export interface Analysis {
	sentences: Sentence[];
	entities: Entity[];
	dates: DateMention[];
	quotes: Quotation[];
	terms: Term[];
}

export function analysePassage(raw: string): Analysis {
	const sentences = toSentences(cleanPassage(raw));
	const entities = extractNames(sentences);
	const dates = extractDates(sentences);
	const { quotes, terms } = extractQuotes(sentences, entities);
	return { sentences, entities, dates, quotes, terms };
}

/** Every candidate note the passage yields, duplicates merged, grouped by kind in passage order. */
export function buildCandidates(raw: string): Candidate[] {
	const a = analysePassage(raw);
	const at = (i: number) => a.sentences[i]!;
	const names = nameWords(a.entities);
	const all = [
		...a.dates.flatMap((d) => dateCards(d, at(d.sentence), names)),
		...a.quotes.flatMap((q) => quoteCards(q, at(q.sentence))),
		...a.terms.flatMap((t) => termCards(t, at(t.sentence))),
		...nameCards(a.sentences, a.entities, a.dates)
	];
	const order = new Map(a.sentences.map((s) => [s.text, s.index]));
	return mergeCandidates(all).sort(
		(x, y) =>
			KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
			(order.get(x.source) ?? 0) - (order.get(y.source) ?? 0)
	);
}
