/**
 * Date and time markers: absolute dates (`25 October 1917`, `August 1961`), ranges
 * (`the night of the 24th–25th`, `Between 9 and 10 November`), times (`before dawn`,
 * `at 20:17 UTC`, `half past ten`), with partial dates resolved from the rest of the passage.
 */
import type { Sentence } from './sentences';
import { findQuoteSpans, insideSpan } from './quote-spans';

export interface DateValue {
	year?: number;
	month?: number;
	day?: number;
	/** Last day of a range (`24th–25th`). */
	endDay?: number;
}

export interface DateMention extends DateValue {
	/** The words as they stand in the sentence. */
	text: string;
	sentence: number;
	/** Offset of `text` in the sentence. */
	start: number;
	/** Time-of-day words (`before dawn`, `at 20:17 UTC`), kept as written. */
	time?: string;
	/** `the night of …`, `the morning of …`. */
	partOfDay?: string;
	/** The normalised marker: `before dawn on 25 October 1917`. */
	label: string;
	confidence: number;
}

export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];
const MONTH =
	'(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{3,4})';
const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const PART = '(night|morning|evening|afternoon|day|night)';
const TO = '\\s*(?:–|—|-|and|to|until)\\s*';

type Partial = Omit<DateMention, 'text' | 'sentence' | 'start' | 'label' | 'confidence'>;
interface Rule {
	re: RegExp;
	read: (m: RegExpExecArray) => Partial;
	confidence: number;
}

const month = (name: string | undefined): number | undefined => {
	if (!name) {
		return undefined;
	}
	const index = MONTHS.findIndex((m) => m.toLowerCase().startsWith(name.slice(0, 3).toLowerCase()));
	return index >= 0 ? index + 1 : undefined;
};
const num = (s: string | undefined): number | undefined => (s ? Number(s) : undefined);

const RULES: Rule[] = [
	{
		// the night of the 24th–25th (of October 1917)
		re: new RegExp(
			`(?:\\b(?:in|on|during)\\s+)?\\bthe\\s+${PART}\\s+of\\s+(?:the\\s+)?${DAY}(?:${TO}(?:the\\s+)?${DAY})?(?:\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?)?\\b`,
			'giu'
		),
		read: (m) => ({
			partOfDay: m[1]!.toLowerCase(),
			day: num(m[2]),
			endDay: num(m[3]),
			month: month(m[4]),
			year: num(m[5])
		}),
		confidence: 0.9
	},
	{
		// Between 9 and 10 November 1989; 24–25 October; from 9 to 10 November
		re: new RegExp(
			`(?:\\b(?:between|from)\\s+)?\\b${DAY}${TO}${DAY}\\s+${MONTH}(?:,?\\s+${YEAR})?\\b`,
			'giu'
		),
		read: (m) => ({ day: num(m[1]), endDay: num(m[2]), month: month(m[3]), year: num(m[4]) }),
		confidence: 0.9
	},
	{
		re: new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH}(?:,?\\s+${YEAR})?\\b`, 'gu'),
		read: (m) => ({ day: num(m[1]), month: month(m[2]), year: num(m[3]) }),
		confidence: 0.95
	},
	{
		re: new RegExp(`\\b${MONTH}\\s+${DAY}(?:,\\s*${YEAR})?\\b(?!\\s*(?:–|-)?\\s*\\d{3})`, 'gu'),
		read: (m) => ({ month: month(m[1]), day: num(m[2]), year: num(m[3]) }),
		confidence: 0.85
	},
	{
		re: new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, 'gu'),
		read: (m) => ({ month: month(m[1]), year: num(m[2]) }),
		confidence: 0.9
	},
	{
		// on the 24th (month and year come from context); not `the 24th Division`
		re: /\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Ss]ince|[Aa]fter|[Bb]efore)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+\p{Lu})/gu,
		read: (m) => ({ day: num(m[1]) }),
		confidence: 0.7
	},
	{
		re: /\b(?:in|by|since|until|of|during)\s+(1\d{3}|20\d{2})\b/giu,
		read: (m) => ({ year: num(m[1]) }),
		confidence: 0.8
	}
];

const TIME_RULES: { re: RegExp; confidence: number; relative?: boolean }[] = [
	{
		re: /\b(?:before|at|after|by|until|around|towards?|just before|shortly after)\s+(?:dawn|daybreak|dusk|sunrise|sunset|nightfall|midnight|noon|midday|first light)\b/giu,
		confidence: 0.85
	},
	{ re: /\bas\s+(?:light|day)\s+(?:began\s+to\s+)?(?:dawn|break)(?:ed|s)?\b/giu, confidence: 0.7 },
	{ re: /\bwhen\s+daylight\s+came\b/giu, confidence: 0.6 },
	{
		re: /\blater\s+(?:in\s+the|that)\s+(?:day|night|evening|morning|afternoon)\b/giu,
		confidence: 0.7,
		relative: true
	},
	{
		re: /\b(?:at\s+)?\d{1,2}:\d{2}(?:\s*(?:a\.m\.|p\.m\.|am|pm|UTC|GMT|hours|h)\b)?/giu,
		confidence: 0.9
	},
	{
		re: new RegExp(
			`\\b(?:at\\s+)?(?:half|(?:a\\s+)?quarter|twenty-five|twenty|ten|five)\\s+(?:past|to)\\s+(?:${NUMBER_WORDS}|\\d{1,2})(?:\\s+(?:in\\s+the\\s+(?:morning|afternoon|evening)|at\\s+night))?\\b`,
			'giu'
		),
		confidence: 0.85
	},
	{
		re: new RegExp(
			`\\b(?:at\\s+)?(?:${NUMBER_WORDS}|\\d{1,2})(?:\\s+o[’']clock|\\s*(?:a\\.m\\.|p\\.m\\.))`,
			'giu'
		),
		confidence: 0.85
	}
];

interface Found extends Partial {
	text: string;
	start: number;
	confidence: number;
	hasDate: boolean;
}

/** Finds every date and time marker, sentence by sentence, then resolves partial dates. */
export function extractDates(sentences: readonly Sentence[]): DateMention[] {
	const raw: { sentence: number; found: Found }[] = [];
	for (const sentence of sentences) {
		if (sentence.truncated) {
			continue;
		}
		for (const found of findInSentence(sentence.text)) {
			raw.push({ sentence: sentence.index, found });
		}
	}
	return resolve(raw);
}

function findInSentence(text: string): Found[] {
	const quotes = findQuoteSpans(text);
	const dates = collect(
		text,
		RULES.map((rule) => ({ ...rule, hasDate: true }))
	);
	const times = collect(
		text,
		TIME_RULES.map((rule) => ({
			re: rule.re,
			read: () => ({}),
			confidence: rule.confidence,
			hasDate: false,
			relative: rule.relative
		}))
	).filter((t) => !(t.relative && insideSpan(quotes, t.start)));
	const all = removeOverlaps([...dates, ...times]);
	return mergeTimeWithDate(text, all);
}

function collect(
	text: string,
	rules: (Rule & { hasDate: boolean; relative?: boolean })[]
): (Found & { relative?: boolean })[] {
	const out: (Found & { relative?: boolean })[] = [];
	for (const rule of rules) {
		rule.re.lastIndex = 0;
		for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
			const fields = rule.read(m);
			const time = rule.hasDate ? {} : { time: m[0] };
			out.push({
				...fields,
				...time,
				text: m[0],
				start: m.index,
				confidence: rule.confidence,
				hasDate: rule.hasDate,
				relative: rule.relative
			});
		}
	}
	return out;
}

/** Keeps the longest of overlapping matches. */
function removeOverlaps<T extends Found>(found: T[]): T[] {
	const sorted = [...found].sort((a, b) => a.start - b.start || b.text.length - a.text.length);
	const kept: T[] = [];
	for (const f of sorted) {
		const last = kept.at(-1);
		if (last && f.start < last.start + last.text.length) {
			continue;
		}
		kept.push(f);
	}
	return kept;
}

/** `before dawn on 25 October` and `9 November 1989 at 20:17 UTC` are one marker. */
function mergeTimeWithDate(text: string, found: Found[]): Found[] {
	const out: Found[] = [];
	for (let i = 0; i < found.length; i += 1) {
		const a = found[i]!;
		const b = found[i + 1];
		if (b && a.hasDate !== b.hasDate) {
			const gap = text.slice(a.start + a.text.length, b.start);
			if (/^,?\s+(?:on|of|at)\s+$/iu.test(gap) || /^,?\s+$/u.test(gap)) {
				const [date, time] = a.hasDate ? [a, b] : [b, a];
				out.push({
					...date,
					time: time.time,
					text: text.slice(a.start, b.start + b.text.length),
					start: a.start,
					confidence: Math.min(a.confidence, b.confidence) + 0.05
				});
				i += 1;
				continue;
			}
		}
		out.push(a);
	}
	return out;
}

/** Fills a partial date from the nearest resolved one before it, else the nearest full one after. */
function resolve(raw: { sentence: number; found: Found }[]): DateMention[] {
	const done: DateMention[] = [];
	raw.forEach(({ sentence, found }, i) => {
		const context = nearest(
			done,
			raw.slice(i + 1).map((r) => r.found)
		);
		const value: DateValue = found.hasDate
			? {
					day: found.day,
					endDay: found.endDay,
					month: found.month ?? (found.day !== undefined ? context.month : undefined),
					year:
						found.year ??
						(found.month !== undefined || found.day !== undefined ? context.year : undefined)
				}
			: { day: context.day, endDay: context.endDay, month: context.month, year: context.year };
		const complete = found.hasDate && found.month !== undefined && found.year !== undefined;
		const mention = stripUndefined({
			...value,
			text: found.text,
			sentence,
			start: found.start,
			time: found.time,
			partOfDay: found.partOfDay,
			label: '',
			confidence: Math.round(Math.min(1, found.confidence - (complete ? 0 : 0.1)) * 100) / 100
		});
		mention.label = formatMention(mention);
		done.push(mention);
	});
	return done;
}

function nearest(before: readonly DateMention[], after: readonly Found[]): DateValue {
	const previous = before.findLast((m) => m.month !== undefined);
	if (previous) {
		return withYear(before, previous);
	}
	return after.find((f) => f.hasDate && f.month !== undefined && f.year !== undefined) ?? {};
}

/** A `25 October` with no year borrows it from another mention that has one. */
function withYear(before: readonly DateMention[], m: DateMention): DateValue {
	return m.year !== undefined ? m : { ...m, year: before.find((g) => g.year !== undefined)?.year };
}

export function formatDate(value: DateValue): string {
	const days =
		value.day === undefined
			? ''
			: value.endDay !== undefined
				? `${value.day}–${value.endDay}`
				: String(value.day);
	const monthName = value.month ? MONTHS[value.month - 1] : undefined;
	return [days, monthName, value.year]
		.filter((part) => part !== undefined && part !== '')
		.join(' ');
}

function formatMention(m: DateMention): string {
	const date = formatDate(m);
	const lead = m.partOfDay ? `the ${m.partOfDay} of ${date}` : date;
	if (!m.time) {
		return lead;
	}
	const time = m.time.replace(/^\p{Lu}/u, (c) => c.toLowerCase());
	if (!date) {
		return time;
	}
	return `${time} ${m.day === undefined ? 'in' : 'on'} ${lead}`;
}

function stripUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
