/** Cards for a quotation (`Who said …?`, who heard it, a cloze on the key phrase) and a term. */
import nlp from 'compromise';
import { basic, cloze, type Candidate } from './candidate';
import type { Quotation, Term } from './quotes';
import type { Sentence } from './sentences';

const MAX_QUOTE = 160;

export function quoteCards(quote: Quotation, sentence: Sentence): Candidate[] {
	const source = sentence.text;
	const tags = [quote.speaker, quote.hearer, ...quote.about].filter((t): t is string => !!t);
	const out: Candidate[] = [];
	const key = keyPhrase(quote.words);
	const who = quote.speaker
		? `${quote.speaker}${quote.hearer ? `, heard by ${quote.hearer}` : ''}: `
		: '';
	if (key) {
		const text = `${who}‘${quote.words.replace(key, `{{c1::${key}}}`)}’`;
		const extra = quote.about.length > 0 ? `About ${quote.about.join(' and ')}.` : '';
		out.push(cloze('quote', text, extra, source, quote.confidence - 0.1, tags));
	}
	if (!quote.speaker) {
		return out;
	}
	const answer = quote.addressee ? `${quote.speaker}, to ${quote.addressee}` : quote.speaker;
	out.push(
		basic('quote', `Who said: ‘${shorten(quote.words)}’?`, answer, source, quote.confidence, tags)
	);
	if (quote.hearer) {
		const front = `Who heard ${quote.speaker} say: ‘${shorten(quote.words)}’?`;
		out.push(basic('quote', front, quote.hearer, source, quote.confidence - 0.05, tags));
	}
	return out;
}

export function termCards(term: Term, sentence: Sentence): Candidate[] {
	const source = sentence.text;
	const out = [
		cloze(
			'term',
			source
				.replace(`‘${term.term}’`, `{{c1::‘${term.term}’}}`)
				.replace(`“${term.term}”`, `{{c1::“${term.term}”}}`),
			'A term in scare quotes.',
			source,
			term.confidence - 0.1
		)
	];
	if (term.refersTo.length > 0) {
		out.push(
			basic(
				'term',
				`Who does the author call the ‘${term.term}’?`,
				term.refersTo.join(' and '),
				source,
				term.confidence,
				term.refersTo
			)
		);
	}
	return out;
}

/** A quantity (`five days`), else what follows a modal (`We shall seize power`), else the last noun phrase. */
export function keyPhrase(words: string): string | undefined {
	const doc = nlp(words);
	const amount = doc.match('#Value+ #Noun').first().text();
	if (amount) {
		return amount.replace(/[.,!?;:]+$/u, '');
	}
	const last = doc.sentences().last().text();
	const modal = /\b(?:shall|will|must|should|can|cannot|won’t|shan’t)\s+([^.!?,;]+)/u.exec(
		last
	)?.[1];
	if (modal) {
		return modal.trim();
	}
	const nouns = (doc.nouns().not('#Pronoun').out('array') as string[]).map((n) =>
		n.replace(/[.,!?;:]+$/u, '')
	);
	return nouns.filter((n) => n.split(' ').length <= 5 && words.includes(n)).at(-1);
}

function shorten(words: string): string {
	if (words.length <= MAX_QUOTE) {
		return words;
	}
	const cut = words.slice(0, MAX_QUOTE);
	return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}
