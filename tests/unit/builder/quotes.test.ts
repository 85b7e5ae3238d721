import { describe, expect, it } from 'vitest';
import { analysePassage } from '$lib/domain/builder/index';

const quotesIn = (text: string) => {
	const { quotes, terms } = analysePassage(text);
	return {
		quotes: quotes.map((q) => ({
			words: q.words,
			speaker: q.speaker,
			hearer: q.hearer,
			addressee: q.addressee,
			block: q.block
		})),
		terms: terms.map((t) => [t.term, t.refersTo])
	};
};

describe('quotations and speakers', () => {
	it('attributes “X heard him saying” to the man last named, heard by X', () => {
		const { quotes } = quotesIn(
			'Stalin went home. Anna Allilueva heard him saying: ‘Yes, everything’s ready. We shall seize power!’24 He slept.'
		);
		expect(quotes).toEqual([
			{
				words: 'Yes, everything’s ready. We shall seize power!',
				speaker: 'Stalin',
				hearer: 'Anna Allilueva',
				addressee: undefined,
				block: false
			}
		]);
	});

	it('reads a block quotation introduced by “the testimony of X:”, one quote per sentence', () => {
		const { quotes } = quotesIn(
			'Here is the testimony of Fëdor Alliluev:27\nComrade Stalin didn’t sleep for five days. Then he laughed at A. V. Lunacharski.'
		);
		expect(quotes.map((q) => [q.words, q.speaker, q.block])).toEqual([
			['Comrade Stalin didn’t sleep for five days.', 'Fëdor Alliluev', true],
			['Then he laughed at A. V. Lunacharski.', 'Fëdor Alliluev', true]
		]);
	});

	it('handles straight and curly, single and double quotes, before and after the speaker', () => {
		const { quotes } = quotesIn(
			`Trotski met Lenin at dawn. "The Winter Palace has fallen," said Trotski. Lenin told Kamenev: 'We must act now.' Nadezhda Krupskaya wrote: “He did not sleep.”`
		);
		expect(quotes).toEqual([
			{
				words: 'The Winter Palace has fallen',
				speaker: 'Trotski',
				hearer: undefined,
				addressee: undefined,
				block: false
			},
			{
				words: 'We must act now.',
				speaker: 'Lenin',
				hearer: undefined,
				addressee: 'Kamenev',
				block: false
			},
			{
				words: 'He did not sleep.',
				speaker: 'Nadezhda Krupskaya',
				hearer: undefined,
				addressee: undefined,
				block: false
			}
		]);
	});

	it('makes a scare-quoted word a term, with the names it labels', () => {
		expect(quotesIn('Even the ‘strike-breakers’ Kamenev and Zinoviev attended.')).toEqual({
			quotes: [],
			terms: [['strike-breakers', ['Kamenev', 'Zinoviev']]]
		});
		expect(quotesIn("A crowd of 'tourists' came.").terms).toEqual([['tourists', []]]);
	});
});
