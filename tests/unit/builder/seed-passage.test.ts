// The builder on the real seed passage (an extract of Robert Service, "Stalin", 2004): every date
// and every quotation with its speaker, no footnote number in any card, and how close the builder
// comes to the hand-checked bundled deck (precision and recall, printed).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysePassage, buildCandidates, candidatesToDeck } from '$lib/domain/builder/index';
import { cleanPassage } from '$lib/domain/builder/text-cleanup';
import { bundledDeck } from '../helpers';

const passage = readFileSync(
	new URL('../../../../shared/seed/passage.txt', import.meta.url),
	'utf8'
);
// A number glued to closing punctuation (`power!’24`, `clear.25`); not the `{{c1::25 …` of a cloze.
const FOOTNOTE = /(?<=[^\d\s:{])[.!?,;:’”"')\]]\d{1,3}(?:\s|$)/u;

describe('the builder on the seed passage', () => {
	const analysis = analysePassage(passage);
	const candidates = buildCandidates(passage);

	it('finds every date and time marker, resolved to October 1917', () => {
		expect(analysis.dates.map((d) => [d.text, d.label])).toEqual([
			['before dawn on 25 October', 'before dawn on 25 October 1917'],
			['later in the day', 'later in the day on 25 October 1917'],
			['as light began to dawn', 'as light began to dawn on 25 October 1917'],
			['when daylight came', 'when daylight came on 25 October 1917'],
			['25 October 1917', '25 October 1917'],
			['In the night of the 24th–25th', 'the night of 24–25 October 1917']
		]);
	});

	it('finds every quotation with the right speaker, and the scare-quoted term', () => {
		expect(analysis.quotes.map((q) => [q.words, q.speaker, q.hearer ?? null, q.block])).toEqual([
			[
				'Yes, everything’s ready. We take action tomorrow. We’ve got all the city districts in our hands. We shall seize power!',
				'Stalin',
				'Anna Allilueva',
				false
			],
			[
				'At the time of the October [seizure of power] comrade Stalin didn’t sleep for five days.',
				'Fëdor Alliluev',
				null,
				true
			],
			[
				'Crushed by tiredness, he finally fell asleep while sitting in a chair behind his table.',
				'Fëdor Alliluev',
				null,
				true
			],
			[
				'The enraptured Lunacharski tiptoed up to him as he slept and planted a kiss on his forehead.',
				'Fëdor Alliluev',
				null,
				true
			],
			[
				'Comrade Stalin woke up and jovially laughed at A. V. Lunacharski for a long time.',
				'Fëdor Alliluev',
				null,
				true
			]
		]);
		expect(analysis.terms.map((t) => [t.term, t.refersTo])).toEqual([
			['strike-breakers', ['Kamenev', 'Zinoviev']]
		]);
	});

	it('finds the people, places and institutions', () => {
		const names = (kind: string) =>
			analysis.entities.filter((e) => e.kind === kind).map((e) => e.name);
		expect(names('person')).toEqual([
			'Stalin',
			'Anna Allilueva',
			'Kamenev',
			'Zinoviev',
			'Lenin',
			'Trotski',
			'Fëdor Alliluev',
			'A. V. Lunacharski'
		]);
		expect(names('place')).toEqual([
			'Petrograd',
			'Russia',
			'Europe',
			'Winter Palace',
			'Smolny Institute'
		]);
		expect(names('organisation')).toEqual([
			'Central Committee',
			'Council of People’s Commissars',
			'Military-Revolutionary Committee of the Petrograd Soviet',
			'Red Guards',
			'Provisional Government',
			'Second Congress of Soviets of Workers’ and Soldiers’ Deputies'
		]);
	});

	it('asks both directions about a date, and who said a quotation', () => {
		const fronts = candidates.map((c) => c.fields.Front);
		expect(fronts).toContain('When was an emergency Central Committee meeting called?');
		expect(fronts).toContain('What happened before dawn on 25 October 1917?');
		expect(fronts).toContain(
			'When did Lenin return to the Smolny Institute to resume command of the Central Committee?'
		);
		const said = candidates.find((c) => c.fields.Front?.startsWith('Who said: ‘Yes'));
		expect(said?.fields.Back).toBe('Stalin');
		const cloze = candidates.find((c) => c.fields.Text?.includes('{{c1::seize power}}'));
		expect(cloze?.fields.Text).toMatch(/^Stalin, heard by Anna Allilueva: ‘/u);
	});

	it('puts no footnote number in any card and makes no card from the cut-off sentence', () => {
		expect(candidates.length).toBeGreaterThan(40);
		for (const c of candidates) {
			for (const value of [...Object.values(c.fields), c.source]) {
				expect(value).not.toMatch(FOOTNOTE);
			}
			expect(c.source).not.toContain('were not a');
		}
	});

	it('yields a valid deck file with unique, stable note ids', () => {
		const deck = candidatesToDeck(candidates, { id: 'built-test', name: 'Test' });
		expect(deck.notes).toHaveLength(candidates.length);
		expect(buildCandidates(passage).map((c) => c.id)).toEqual(candidates.map((c) => c.id));
	});

	it('prints precision and recall of dates and quotations against the bundled deck', () => {
		const clean = (s: string) =>
			cleanPassage(s)
				.map((p) => p.text)
				.join(' ');
		const deck = bundledDeck();
		const score = (kind: 'date' | 'quote') => {
			const built = new Set(candidates.filter((c) => c.kind === kind).map((c) => clean(c.source)));
			const wanted = new Set(
				deck.notes.filter((n) => n.kind === kind).map((n) => clean(n.source ?? ''))
			);
			const hits = [...built].filter((s) => wanted.has(s)).length;
			return { precision: hits / built.size, recall: hits / wanted.size, built, wanted };
		};
		const dates = score('date');
		const quotes = score('quote');
		console.log(
			`builder vs bundled deck (by source sentence): dates precision ${dates.precision.toFixed(2)} recall ${dates.recall.toFixed(2)}; quotes precision ${quotes.precision.toFixed(2)} recall ${quotes.recall.toFixed(2)}`
		);
		// The misses are known: the deck's `Whose testimony …?` card is sourced from the sentence that
		// introduces the block quote, and `We take action tomorrow` has no date the builder reads.
		expect(quotes.precision).toBe(1);
		expect(quotes.recall).toBeGreaterThanOrEqual(0.8);
		expect(dates.recall).toBeGreaterThanOrEqual(0.8);
		expect(dates.precision).toBeGreaterThanOrEqual(0.8);
	});
});
