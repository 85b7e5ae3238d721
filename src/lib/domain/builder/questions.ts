/**
 * Turns a statement into a question by taking one phrase out of it: `Lenin returned to the
 * Smolny Institute` without `to the Smolny Institute` becomes `Where did Lenin return?`.
 * Auxiliaries invert (`was called` → `When was … called?`); other verbs take `did` and their
 * infinitive (found with compromise).
 */
import nlp from 'compromise';

const OPENERS =
	/^(?:Yet|Already|Meanwhile|Even|Then|So|Still|Thus|However|Moreover|Indeed|Also|Characteristically|But|And)\b,?\s+/u;
const AUX =
	/^(?:was|were|is|are|had|has|have|would|could|should|will|can|must|might|did|does|do)$/u;

/** Removes `phrase` from `clause` and tidies the commas and spaces left behind. */
export function without(clause: string, phrase: string): string {
	return clause
		.replace(phrase, ' ')
		.replace(/\s+([,.;:!?])/gu, '$1')
		.replace(/^[\s,]+|[\s,.;:!?]+$/gu, '')
		.replace(/,\s*,/gu, ',')
		.replace(/\s+/gu, ' ')
		.trim();
}

/** `Wh…?` from a statement whose answer was `phrase`; undefined when no verb could be found. */
export function whQuestion(
	wh: string,
	clause: string,
	phrase: string,
	names: ReadonlySet<string> = new Set()
): string | undefined {
	const rest = lowerFirst(withoutOpener(without(clause, phrase)), names);
	const words = rest.split(' ');
	const aux = words.findIndex((w) => AUX.test(w));
	const verbText = firstVerb(rest);
	const verbAt = verbText ? words.indexOf(verbText) : -1;
	if (aux > 0 && (verbAt < 0 || aux <= verbAt)) {
		const subject = words.slice(0, aux).join(' ');
		return `${wh} ${words[aux]} ${subject} ${words.slice(aux + 1).join(' ')}`.trim() + '?';
	}
	if (verbAt > 0 && verbText) {
		const infinitive = nlp(verbText).verbs().toInfinitive().text() || verbText;
		const subject = words.slice(0, verbAt).join(' ');
		const tail = words.slice(verbAt + 1).join(' ');
		return `${wh} did ${subject} ${infinitive} ${tail}`.replace(/\s+/gu, ' ').trim() + '?';
	}
	return undefined;
}

function firstVerb(text: string): string | undefined {
	const verb = nlp(text).match('#PastTense').first().text('normal');
	return verb
		? text.split(' ').find((w) => w.toLowerCase().replace(/[,.]/gu, '') === verb)
		: undefined;
}

/** Drops a sentence adverb (`Yet`, `Already`, `Meanwhile`) that makes no sense in a question. */
export function withoutOpener(text: string): string {
	return upperFirst(text.replace(OPENERS, ''));
}

/** Lower-cases the first word (`The`, `Crowds`), but never a name. */
export function lowerFirst(text: string, names: ReadonlySet<string> = new Set()): string {
	const first = /^\p{Lu}[\p{L}’'-]*/u.exec(text)?.[0];
	if (!first || names.has(first) || /^\p{Lu}{2,}/u.test(first)) {
		return text;
	}
	return first.toLowerCase() + text.slice(first.length);
}

export function upperFirst(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}
