import { describe, expect, it } from 'vitest';
import { cleanPassage, stripFootnotes } from '$lib/domain/builder/text-cleanup';
import { splitSentences } from '$lib/domain/builder/sentences';

describe('clean-up', () => {
	it('strips footnote numbers glued to punctuation and closing quotes', () => {
		expect(stripFootnotes('We shall seize power!’24 He lay down.')).toBe(
			'We shall seize power!’ He lay down.'
		);
		expect(stripFootnotes('purposes clear.25')).toBe('purposes clear.');
		expect(stripFootnotes('the testimony of Fëdor Alliluev:27')).toBe(
			'the testimony of Fëdor Alliluev:'
		);
		expect(stripFootnotes('“Go.”3 Then')).toBe('“Go.” Then');
	});

	it('keeps clock times, thousands and years that only look like footnotes', () => {
		expect(stripFootnotes('at 20:17 UTC')).toBe('at 20:17 UTC');
		expect(stripFootnotes('some 1,000 men in 1917.')).toBe('some 1,000 men in 1917.');
	});

	it('joins words hyphenated across lines, tidies spaces and spaced range dashes', () => {
		expect(cleanPassage('The revo-\nlution  came in the night of the 24th– 25th.')).toEqual([
			{ text: 'The revolution came in the night of the 24th–25th.', truncated: false }
		]);
		expect(cleanPassage('From 9 - 10 November.')[0]!.text).toBe('From 9–10 November.');
	});

	it('keeps paragraphs and marks one that breaks off mid-sentence', () => {
		expect(cleanPassage('One. Two.\nThree if it were not a\n\n')).toEqual([
			{ text: 'One. Two.', truncated: false },
			{ text: 'Three if it were not a', truncated: true }
		]);
		// With blank lines, single line breaks are only wrapping.
		expect(cleanPassage('A long\nline.\n\nNext one.').map((p) => p.text)).toEqual([
			'A long line.',
			'Next one.'
		]);
	});
});

describe('sentence splitting', () => {
	it('survives initials, abbreviations and full stops inside quotations', () => {
		expect(
			splitSentences(
				'Comrade Stalin laughed at A. V. Lunacharski for a long time. Mr. Reed arrived, i.e. late. She said: ‘Yes. We go tomorrow.’ He left.'
			)
		).toEqual([
			'Comrade Stalin laughed at A. V. Lunacharski for a long time.',
			'Mr. Reed arrived, i.e. late.',
			'She said: ‘Yes. We go tomorrow.’',
			'He left.'
		]);
	});

	it('does not end a sentence at an apostrophe inside a quotation', () => {
		expect(splitSentences('He said: ‘Everything’s ready. We’ve won!’ Then he slept.')).toEqual([
			'He said: ‘Everything’s ready. We’ve won!’',
			'Then he slept.'
		]);
	});

	it('does not split when a quotation runs on in lower case', () => {
		expect(splitSentences('‘We shall win!’ he said. They cheered.')).toEqual([
			'‘We shall win!’ he said.',
			'They cheered.'
		]);
	});
});
