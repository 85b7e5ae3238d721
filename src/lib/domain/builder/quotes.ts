/**
 * Quotations and who said them. Inline quotes (single or double, straight or curly) and block
 * quotes (a paragraph introduced by a colon) are attributed from the words around them:
 * `Anna Allilueva heard him saying: ‘…’` (said by the person `him` refers to, heard by Anna
 * Allilueva), `the testimony of Fëdor Alliluev:`, `X said:`, `‘…,’ said X`. A short quoted word
 * with no sentence punctuation and no speaker is a scare quote: a term, not a quotation.
 */
import { findQuoteSpans } from './quote-spans';
import type { Sentence } from './sentences';
import { resolveName, type Entity } from './names';

export interface Quotation {
	words: string;
	speaker?: string;
	/** Who heard it said, when the passage says so. */
	hearer?: string;
	/** Who it was said to. */
	addressee?: string;
	/** People named in the words, other than the speaker. */
	about: string[];
	sentence: number;
	block: boolean;
	confidence: number;
}

export interface Term {
	term: string;
	sentence: number;
	/** Names standing next to the term (`the ‘strike-breakers’ Kamenev and Zinoviev`). */
	refersTo: string[];
	confidence: number;
}

const NAME = `((?:\\p{Lu}\\.\\s*)*\\p{Lu}[\\p{L}’'-]+(?:\\s+(?:\\p{Lu}\\.\\s*)*\\p{Lu}[\\p{L}’'-]+){0,2}|he|she|him|her|they|them)`;
const SPEECH =
	'(?:said|says|wrote|writes|recalled|recalls|declared|declares|remembered|explained|stated|added|replied|answered|announced|told|tells|exclaimed|shouted|observed|remarked|insisted|warned|complained|admitted|cried|asked)';
const HEARD = new RegExp(
	`${NAME}\\s+(?:heard|overheard|recalled hearing|remembered)\\s+${NAME}\\s+(?:say|saying|declare|declaring|tell|telling)\\b[^‘“"']{0,40}[:,]?\\s*$`,
	'u'
);
const TESTIMONY = new RegExp(
	`(?:testimony|words|account|recollections?|memoirs?|diary|letter|statement|evidence|report|speech|verdict|reminiscences?)\\s+of\\s+${NAME}\\s*[:,]?\\s*$`,
	'u'
);
const ACCORDING = new RegExp(`according\\s+to\\s+${NAME}`, 'u');
const SPEAKS_BEFORE = new RegExp(
	`${NAME}\\s+(?:had\\s+|has\\s+|once\\s+|later\\s+|then\\s+)?${SPEECH}(?:\\s+(?:to\\s+)?${NAME})?[^‘“"']{0,30}[:,]?\\s*$`,
	'u'
);
const SPEAKS_AFTER = new RegExp(
	`^\\s*,?\\s*(?:${SPEECH}\\s+${NAME}|${NAME}\\s+${SPEECH}(?:\\s+(?:to\\s+)?${NAME})?)`,
	'u'
);

interface Attribution {
	speaker?: string;
	hearer?: string;
	addressee?: string;
	confidence: number;
}

/** Finds quotations and scare-quoted terms. */
export function extractQuotes(
	sentences: readonly Sentence[],
	entities: readonly Entity[]
): { quotes: Quotation[]; terms: Term[] } {
	const quotes: Quotation[] = [];
	const terms: Term[] = [];
	for (const sentence of sentences) {
		if (sentence.truncated) {
			continue;
		}
		if (sentence.blockQuote) {
			quotes.push(blockQuote(sentence, sentences, entities));
			continue;
		}
		for (const span of findQuoteSpans(sentence.text)) {
			const before = sentence.text.slice(0, span.start);
			const after = sentence.text.slice(span.end);
			const attribution = attribute(before, after, sentence.index, entities);
			if (!attribution.speaker && isScareQuote(span.inner, before)) {
				terms.push({
					term: span.inner,
					sentence: sentence.index,
					refersTo: namesAfter(after, entities),
					confidence: 0.75
				});
				continue;
			}
			quotes.push({
				words: span.inner.replace(/,$/u, ''),
				...attribution,
				about: namedIn(span.inner, entities, attribution.speaker),
				sentence: sentence.index,
				block: false
			});
		}
	}
	return { quotes, terms };
}

function blockQuote(
	sentence: Sentence,
	sentences: readonly Sentence[],
	entities: readonly Entity[]
): Quotation {
	const intro = sentences.findLast((s) => s.paragraph === sentence.paragraph - 1);
	const attribution = intro
		? attribute(intro.text, '', intro.index, entities)
		: { confidence: 0.3 };
	return {
		words: sentence.text,
		...attribution,
		// The whole block is about the same people, even where a sentence only says `he`.
		about: namedIn(
			sentences
				.filter((s) => s.paragraph === sentence.paragraph)
				.map((s) => s.text)
				.join(' '),
			entities,
			attribution.speaker
		),
		sentence: sentence.index,
		block: true
	};
}

/** One to three words, no sentence punctuation, not introduced like speech. */
function isScareQuote(inner: string, before: string): boolean {
	return inner.split(/\s+/).length <= 3 && !/[.!?,;]$/u.test(inner) && !/[:,]\s*$/u.test(before);
}

function attribute(
	before: string,
	after: string,
	sentence: number,
	entities: readonly Entity[]
): Attribution {
	const who = (name: string | undefined, exclude?: string) =>
		name ? resolveName(name, sentence, entities, exclude) : undefined;
	const heard = HEARD.exec(before);
	if (heard) {
		const hearer = who(heard[1]);
		return { speaker: who(heard[2], hearer), hearer, confidence: 0.85 };
	}
	const testimony = TESTIMONY.exec(before) ?? ACCORDING.exec(before);
	if (testimony) {
		return { speaker: who(testimony[1]), confidence: 0.9 };
	}
	const spoke = SPEAKS_BEFORE.exec(before);
	if (spoke) {
		const speaker = who(spoke[1]);
		return { speaker, addressee: who(spoke[2], speaker), confidence: 0.85 };
	}
	const tag = SPEAKS_AFTER.exec(after);
	if (tag) {
		const speaker = who(tag[1] ?? tag[2]);
		return { speaker, addressee: who(tag[3], speaker), confidence: 0.8 };
	}
	return { confidence: 0.4 };
}

function namedIn(words: string, entities: readonly Entity[], speaker?: string): string[] {
	return entities
		.filter((e) => e.kind === 'person' && e.name !== speaker)
		.filter((e) => e.mentions.some((m) => words.includes(m.text)))
		.map((e) => e.name);
}

function namesAfter(after: string, entities: readonly Entity[]): string[] {
	const head = /^\s*((?:\p{Lu}[\p{L}.’'-]*\s*(?:and\s+|,\s*)?)+)/u.exec(after)?.[1] ?? '';
	return entities.filter((e) => e.mentions.some((m) => head.includes(m.text))).map((e) => e.name);
}
