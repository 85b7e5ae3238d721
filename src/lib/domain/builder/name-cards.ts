/**
 * Cards for people, places and organisations: `Who …?` when a person (or `he`/`she` standing for
 * one) opens the sentence, `Which body …?` for an organisation, `Where …?` for a place after
 * `to`/`at`/`in`, and cloze deletions of the names everywhere else.
 */
import nlp from 'compromise';
import { basic, cloze, type Candidate } from './candidate';
import { clauseWith } from './date-cards';
import type { DateMention } from './dates';
import { resolveName, type Entity, type EntityKind, type Mention } from './names';
import { upperFirst, whQuestion, without, escapeRegExp } from './questions';
import type { Sentence } from './sentences';
import { findQuoteSpans } from './quote-spans';

const NOTE_KIND = { person: 'person', place: 'place', organisation: 'place' } as const;

export function nameCards(
	sentences: readonly Sentence[],
	entities: readonly Entity[],
	dates: readonly DateMention[]
): Candidate[] {
	const out: Candidate[] = [];
	const names = nameWords(entities);
	for (const sentence of sentences) {
		if (sentence.truncated) {
			continue;
		}
		const here = entities.flatMap((e) =>
			e.mentions
				.filter((m) => m.sentence === sentence.index)
				.map((m) => ({ entity: e, mention: m }))
		);
		const asked = subjectCard(sentence, here, entities);
		if (asked) {
			out.push(asked.card);
		}
		const plain = datesRemoved(
			sentence.text,
			dates.filter((d) => d.sentence === sentence.index)
		);
		const places = here.filter((h) => h.entity.kind === 'place');
		for (const { entity, mention } of places.length === 1 ? places : []) {
			{
				const where = whereCard(plain, entity, mention, sentence.text, names);
				if (where) {
					out.push(where);
				}
			}
		}
		out.push(
			...clozeCards(
				sentence.text,
				here.filter((h) => h.mention !== asked?.mention)
			)
		);
	}
	return out;
}

/** `Lenin was charged with …` → `Who was charged with …?`; `He did not …` → `Who did not …?`. */
function subjectCard(
	sentence: Sentence,
	here: { entity: Entity; mention: Mention }[],
	entities: readonly Entity[]
): { card: Candidate; mention?: Mention } | undefined {
	const text = sentence.text;
	// A sentence that introduces a quotation is asked about by the quotation's own cards.
	if (findQuoteSpans(text).some((span) => !/^\S+$/u.test(span.inner))) {
		return undefined;
	}
	const opener = here.find(({ mention }) =>
		/^(?:(?:The|the)\s+\p{Ll}+\s+)?$/u.test(text.slice(0, mention.start))
	);
	if (opener) {
		const rest = text.slice(opener.mention.start + opener.mention.text.length).trim();
		if (!startsWithVerb(rest)) {
			return undefined;
		}
		const person = opener.entity.kind === 'person';
		const front = `${person ? 'Who' : opener.entity.kind === 'place' ? 'Which place' : 'Which body'} ${rest.replace(/[.!]$/u, '')}?`;
		const back = person
			? opener.entity.name
			: upperFirst(text.slice(0, opener.mention.start + opener.mention.text.length));
		const card = basic(
			NOTE_KIND[opener.entity.kind],
			front,
			back,
			text,
			opener.entity.confidence - 0.05,
			[opener.entity.name]
		);
		return { card, mention: opener.mention };
	}
	const pronoun = /^(?:It was (he|she) who\s+|(He|She)\s+(?!and\b))(.*?)[.!]?$/u.exec(text);
	if (!pronoun || sentence.blockQuote) {
		return undefined;
	}
	const name = resolveName((pronoun[1] ?? pronoun[2]!).toLowerCase(), sentence.index - 1, entities);
	if (!name || !startsWithVerb(pronoun[3]!)) {
		return undefined;
	}
	return { card: basic('person', `Who ${pronoun[3]}?`, name, text, 0.55, [name]) };
}

function startsWithVerb(text: string): boolean {
	return nlp(text.split(' ').slice(0, 3).join(' ')).terms().first().has('#Verb');
}

/** `Lenin returned to the Smolny Institute …` → `Where did Lenin return …?`. */
function whereCard(
	plain: string,
	entity: Entity,
	mention: Mention,
	source: string,
	names: ReadonlySet<string>
): Candidate | undefined {
	const at = new RegExp(
		`\\b(?:to|at|in|into|inside|outside|near)\\s+(?:the\\s+)?${escapeRegExp(mention.text)}`,
		'u'
	).exec(plain);
	if (!at) {
		return undefined;
	}
	const question = whQuestion('Where', clauseWith(plain, at[0]), at[0], names);
	if (!question) {
		return undefined;
	}
	const answer = upperFirst(at[0].replace(/^\S+\s+/u, ''));
	return basic('place', question, answer, source, entity.confidence - 0.15, [entity.name]);
}

/** One cloze note per sentence and kind of name, one deletion per name. */
function clozeCards(text: string, here: { entity: Entity; mention: Mention }[]): Candidate[] {
	const out: Candidate[] = [];
	for (const kind of ['person', 'organisation', 'place'] as EntityKind[]) {
		const mentions = here
			.filter((h) => h.entity.kind === kind)
			.sort((a, b) => b.mention.start - a.mention.start);
		if (mentions.length === 0) {
			continue;
		}
		let clozed = text;
		const names = [...new Set(mentions.map((m) => m.entity.name))].reverse();
		for (const { entity, mention } of mentions) {
			const ord = names.indexOf(entity.name) + 1;
			clozed = `${clozed.slice(0, mention.start)}{{c${ord}::${mention.text}}}${clozed.slice(mention.start + mention.text.length)}`;
		}
		const confidence = Math.min(...mentions.map((m) => m.entity.confidence)) - 0.1;
		out.push(cloze(NOTE_KIND[kind], clozed, '', text, confidence, names));
	}
	return out;
}

/** First words of every name, so a question keeps `Lenin` capitalised but writes `crowds`. */
export function nameWords(entities: readonly Entity[]): Set<string> {
	return new Set(entities.flatMap((e) => e.mentions.map((m) => m.text.split(' ')[0]!)));
}

function datesRemoved(text: string, dates: readonly DateMention[]): string {
	return dates.reduce((t, d) => without(t, d.text), text);
}
