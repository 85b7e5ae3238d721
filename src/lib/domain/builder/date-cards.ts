/** Cards for a date or time marker: `When …?`, `What happened on …?` and a cloze. */
import { basic, cloze, type Candidate } from './candidate';
import type { DateMention } from './dates';
import { upperFirst, whQuestion, without, withoutOpener, escapeRegExp } from './questions';
import type { Sentence } from './sentences';

export function dateCards(
	mention: DateMention,
	sentence: Sentence,
	names: ReadonlySet<string> = new Set()
): Candidate[] {
	const { text } = sentence;
	const label = upperFirst(mention.label);
	const out: Candidate[] = [
		cloze(
			'date',
			text.replace(mention.text, `{{c1::${mention.text}}}`),
			label,
			text,
			mention.confidence - 0.05
		)
	];
	// `On 9 November 1989 the Wall fell`: the preposition goes with the date.
	const phrase =
		new RegExp(`\\b(?:[Oo]n|[Ii]n|[Dd]uring|[Ss]ince)\\s+${escapeRegExp(mention.text)}`, 'u').exec(
			text
		)?.[0] ?? mention.text;
	const clause = clauseWith(text, phrase);
	// `The events of 25 October 1917 were …`: the date belongs to a noun, not to an action.
	const insideNoun = new RegExp(`\\bof\\s+${escapeRegExp(mention.text)}`, 'u').test(clause);
	const when = insideNoun ? undefined : whQuestion('When', clause, phrase, names);
	if (when) {
		out.push(basic('date', when, label, text, mention.confidence));
		const happened = withoutOpener(without(clause, phrase));
		out.push(
			basic('date', `What happened ${onDate(mention)}?`, happened, text, mention.confidence - 0.1)
		);
	}
	return out;
}

/** `on 25 October 1917`, `in August 1961`, `before dawn on 25 October 1917`. */
function onDate(mention: DateMention): string {
	if (mention.time || mention.partOfDay) {
		return mention.partOfDay && !mention.time ? `in ${mention.label}` : mention.label;
	}
	return `${mention.day === undefined ? 'in' : 'on'} ${mention.label}`;
}

/** The clause of a sentence that holds the phrase: split on `and`, `but` and semicolons. */
export function clauseWith(sentence: string, phrase: string): string {
	const marker = '\u0000';
	const masked = sentence.replace(phrase, marker);
	const clause =
		masked
			.split(/;|,?\s+(?:and|but)\s+(?=\p{Ll}*\s*\p{Lu}|the\b|an?\b)/u)
			.find((c) => c.includes(marker)) ?? masked;
	return clause.replace(marker, phrase);
}
