/**
 * People, places and organisations. compromise tags the well-known ones; rules catch the rest:
 * initials (`A. V. Lunacharski`), first name + surname, institution words (`… Committee`,
 * `… Palace`), a capitalised word after a place preposition (`around Petrograd`), and surnames the
 * passage never writes in lower case. Same-surname and prefix variants are merged.
 */
import nlp from 'compromise';
import type { Sentence } from './sentences';
import { MONTHS } from './dates';

export type EntityKind = 'person' | 'place' | 'organisation';

export interface Mention {
	sentence: number;
	start: number;
	text: string;
}

export interface Entity {
	name: string;
	kind: EntityKind;
	mentions: Mention[];
	confidence: number;
}

const WORD = `(?:\\p{Lu}\\.\\s*)*\\p{Lu}[\\p{L}’'-]*`;
const PHRASE = new RegExp(`${WORD}(?:\\s+(?:(?:of|of the|for|and)\\s+)?${WORD})*`, 'gu');
const ORG_HEADS =
	/\b(?:Committee|Council|Congress|Government|Soviets?|Party|Guards|Army|Navy|Bureau|Assembly|Duma|Ministry|Union|League|Court|Parliament|Senate|Cabinet|Police|Commissars|Deputies|Republic|Corps|Division|Regiment|Front|Cheka|Politburo|Comintern)\b/u;
const PLACE_HEADS =
	/\b(?:Palace|Institute|Square|Street|Prospekt|Bridge|Station|Fortress|Cathedral|Kremlin|River|Gate|Wall|Hall|Island|Park|Avenue|Road|Embankment|Boulevard|Museum|University|Mountains?|Sea)\b/u;
const PLACE_PREPOSITION =
	/\b(?:in|to|across|around|from|over|through|near|into|towards|at|of)\s+$/u;
const TITLES =
	/^(?:Comrade|Mr|Mrs|Ms|Dr|General|Tsar|Tsarina|President|Prince|Princess|Count|Colonel|Captain)\.?\s+/u;
const NOT_NAMES = new Set([
	...MONTHS,
	'UTC',
	'GMT',
	'CET',
	'BST',
	'EST',
	'PST',
	'I',
	'We',
	'He',
	'She',
	'They',
	'It',
	'You',
	'Yes',
	'No',
	'God',
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday'
]);
const TITLE_BEFORE =
	/\b(?:Comrade|Mr|Mrs|Ms|Dr|General|Tsar|Tsarina|President|Prince|Princess|Count|Colonel|Captain)\.?\s+$/u;
const FUNCTION_WORDS =
	/^(?:The|A|An|At|In|On|By|For|From|To|With|Of|Even|Yet|Across|Meanwhile|Although|When|Here|This|That|And|But|As|After|Before|Under|Over|Through|During|Since|Until|While|Already|Then)$/u;
const FEMALE =
	/^(?:Anna|Maria|Mariya|Nadezhda|Ekaterina|Yekaterina|Olga|Tatiana|Sofia|Irina|Elena|Natalia|Nadya|Mary|Elizabeth|Catherine|Alexandra|Aleksandra)\b|(?:a|aya|ova|eva|ina)$/u;

export function isFemale(name: string): boolean {
	return FEMALE.test(name);
}

/** Finds and merges every named entity in the sentences. */
export function extractNames(sentences: readonly Sentence[]): Entity[] {
	const text = sentences.map((s) => s.text).join(' ');
	const known = knownByCompromise(text);
	const lower = new Set(text.match(/(?<![\p{L}’'-])\p{Ll}[\p{L}-]*/gu) ?? []);
	const raw: (Mention & { kind: EntityKind; confidence: number })[] = [];
	for (const sentence of sentences) {
		for (const found of phrases(sentence.text)) {
			const kind = classify(found, sentence.text, text, known, lower);
			if (kind) {
				raw.push({ ...found, sentence: sentence.index, ...kind });
			}
		}
	}
	return merge(raw);
}

function knownByCompromise(text: string): { people: Set<string>; places: Set<string> } {
	const doc = nlp(text);
	const clean = (list: string[]) => new Set(list.map((s) => s.replace(/[’']s$|[.,;:!?]$/u, '')));
	return {
		people: clean(doc.people().out('array') as string[]),
		places: clean(doc.places().out('array') as string[])
	};
}

function phrases(text: string): { start: number; text: string }[] {
	const out: { start: number; text: string }[] = [];
	for (const m of text.matchAll(PHRASE)) {
		for (const part of splitAnd(m[0])) {
			const offset = m.index + m[0].indexOf(part);
			const lead = leadingFunctionWords(part);
			const name = part.slice(lead).replace(/[’']s$/u, '');
			out.push({ start: offset + lead, text: name });
		}
	}
	return out;
}

/** Length of `At `, `The `, `Comrade ` and the like at the front of a capitalised phrase. */
function leadingFunctionWords(part: string): number {
	let skip = 0;
	for (;;) {
		const rest = part.slice(skip);
		const titled = TITLES.exec(rest);
		const first = /^(\p{Lu}\p{Ll}*)\s+(?=\p{Lu})/u.exec(rest);
		if (titled) {
			skip += titled[0].length;
		} else if (
			first &&
			(FUNCTION_WORDS.test(first[1]!) ||
				nlp(first[1]!).has('#Preposition|#Determiner|#Adverb|#Conjunction'))
		) {
			skip += first[0].length;
		} else {
			return skip;
		}
	}
}

/** `Kamenev and Zinoviev` are two people; `Workers’ and Soldiers’ Deputies` is one body. */
function splitAnd(phrase: string): string[] {
	if (!phrase.includes(' and ') || ORG_HEADS.test(phrase.split(' and ').at(-1)!)) {
		return [phrase];
	}
	return phrase.split(' and ');
}

function classify(
	found: { start: number; text: string },
	sentence: string,
	passage: string,
	known: { people: Set<string>; places: Set<string> },
	lower: Set<string>
): { kind: EntityKind; confidence: number } | undefined {
	const name = found.text;
	const before = sentence.slice(0, found.start);
	const titled = TITLE_BEFORE.test(before);
	const atStart = !titled && /(?:^|[.!?:;]\s+|[‘“"'(]\s*)$/u.test(before);
	const afterThe = /\b(?:the|The)\s+$/u.test(before);
	if (ORG_HEADS.test(name)) {
		return { kind: 'organisation', confidence: 0.85 };
	}
	if (PLACE_HEADS.test(name) || known.places.has(name)) {
		return { kind: 'place', confidence: 0.85 };
	}
	if (NOT_NAMES.has(name) || afterThe || /’$|'$/u.test(name)) {
		return undefined;
	}
	const words = name.split(/\s+/);
	if (/^\p{Lu}{2,6}$/u.test(name)) {
		return { kind: 'organisation', confidence: 0.6 };
	}
	if (titled || /^(?:\p{Lu}\.\s*)+\p{Lu}/u.test(name) || known.people.has(name)) {
		return { kind: 'person', confidence: 0.9 };
	}
	if (words.length > 1 && words.length <= 3 && !name.includes(' of ')) {
		return { kind: 'person', confidence: atStart ? 0.6 : 0.8 };
	}
	if (
		words.length > 1 ||
		atStart ||
		lower.has(name.toLowerCase()) ||
		isGroupOrAdjective(name, sentence, found.start, passage)
	) {
		return undefined;
	}
	if (PLACE_PREPOSITION.test(before)) {
		return { kind: 'place', confidence: 0.6 };
	}
	return { kind: 'person', confidence: 0.65 };
}

/** `Bolshevik leaders` (an adjective) and `Bolsheviks` (a group) are not people. */
function isGroupOrAdjective(
	name: string,
	sentence: string,
	start: number,
	passage: string
): boolean {
	const next = /^\s+(\p{Ll}[\p{L}-]*)/u.exec(sentence.slice(start + name.length))?.[1];
	if (next && nlp(next).has('#Noun') && !nlp(next).has('#Pronoun')) {
		return true;
	}
	return /s$/u.test(name) && passage.toLowerCase().includes(name.slice(0, -1).toLowerCase() + ' ');
}

function merge(raw: (Mention & { kind: EntityKind; confidence: number })[]): Entity[] {
	const entities: Entity[] = [];
	// Longest names first, so `A. V. Lunacharski` absorbs `Lunacharski`.
	const order = [...raw].sort((a, b) => b.text.length - a.text.length);
	for (const r of order) {
		const target = entities.find((e) => sameEntity(e, r));
		const mention = { sentence: r.sentence, start: r.start, text: r.text };
		if (target) {
			target.mentions.push(mention);
			target.confidence = Math.max(target.confidence, r.confidence);
		} else {
			entities.push({ name: r.text, kind: r.kind, mentions: [mention], confidence: r.confidence });
		}
	}
	for (const e of entities) {
		e.mentions.sort((a, b) => a.sentence - b.sentence || a.start - b.start);
		// Several mentions make a name more certain.
		e.confidence = Math.min(
			0.95,
			Math.round((e.confidence + 0.05 * (e.mentions.length - 1)) * 100) / 100
		);
	}
	return entities.sort(
		(a, b) =>
			a.mentions[0]!.sentence - b.mentions[0]!.sentence ||
			a.mentions[0]!.start - b.mentions[0]!.start
	);
}

function sameEntity(e: Entity, r: { text: string; kind: EntityKind }): boolean {
	if (e.name === r.text) {
		return true;
	}
	if (e.kind === 'person' && r.kind === 'person') {
		return e.name.split(/\s+/).at(-1) === r.text.split(/\s+/).at(-1);
	}
	// `Military-Revolutionary Committee of the Petrograd Soviet` is the same body; so is `the
	// Congress` when the passage names one `… Congress of …`.
	const single =
		!r.text.includes(' ') && new RegExp(`(?:^|\\s)${r.text}(?:\\s|$)`, 'u').test(e.name);
	return e.kind === r.kind && e.kind !== 'person' && (e.name.startsWith(r.text + ' of ') || single);
}

/** A name as the passage's entity calls it; a pronoun becomes the last person of that gender. */
export function resolveName(
	name: string,
	sentence: number,
	entities: readonly Entity[],
	exclude?: string
): string | undefined {
	const people = entities.filter((e) => e.kind === 'person' && e.name !== exclude);
	if (/^(?:he|him|she|her)$/u.test(name)) {
		const female = /^(?:she|her)$/u.test(name);
		let best: { name: string; at: number } | undefined;
		for (const person of people.filter((p) => isFemale(p.name) === female)) {
			const last = person.mentions.filter((m) => m.sentence <= sentence).at(-1);
			if (last && (!best || last.sentence > best.at)) {
				best = { name: person.name, at: last.sentence };
			}
		}
		return best?.name;
	}
	if (/^(?:they|them)$/u.test(name)) {
		return undefined;
	}
	const surname = name.split(/\s+/).at(-1);
	return (
		people.find((p) => p.name === name || p.name.split(/\s+/).at(-1) === surname)?.name ?? name
	);
}
