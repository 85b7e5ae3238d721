import { describe, expect, it } from 'vitest';
import { extractDates } from '$lib/domain/builder/dates';
import { cleanPassage } from '$lib/domain/builder/text-cleanup';
import { toSentences } from '$lib/domain/builder/sentences';

const datesIn = (text: string) =>
	extractDates(toSentences(cleanPassage(text))).map((d) => [d.text, d.label]);

describe('date and time markers', () => {
	it('finds absolute dates, ranges and times, and resolves partial dates from context', () => {
		const wall = [
			'On 9 November 1989, at 20:17 UTC, Günter Schabowski told the press: "Immediately, without delay."',
			'Between 9 and 10 November crowds gathered at the Brandenburg Gate.',
			'By half past ten the guards gave way.3 The wall had stood since August 1961.',
			'On the 13th of that month Walter Ulbricht had sealed the border.',
			'Mr. Reagan had said in 1987: ‘Tear down this wall!’12'
		].join(' ');
		expect(datesIn(wall)).toEqual([
			['9 November 1989, at 20:17 UTC', 'at 20:17 UTC on 9 November 1989'],
			['Between 9 and 10 November', '9–10 November 1989'],
			['half past ten', 'half past ten on 9–10 November 1989'],
			['August 1961', 'August 1961'],
			['On the 13th', '13 August 1961'],
			['in 1987', '1987']
		]);
	});

	it('reads the night of an ordinal range and takes month and year from a later date', () => {
		expect(
			datesIn(
				'The meeting was called before dawn on 25 October. In the night of the 24th– 25th Lenin returned. The events of 25 October 1917 were historic.'
			)
		).toEqual([
			['before dawn on 25 October', 'before dawn on 25 October 1917'],
			['In the night of the 24th–25th', 'the night of 24–25 October 1917'],
			['25 October 1917', '25 October 1917']
		]);
	});

	it('reads American order, o’clock times and dawn markers', () => {
		expect(
			datesIn(
				'On July 14, 1789 the crowd stormed the Bastille at ten o’clock. The governor fell as day began to break.'
			)
		).toEqual([
			['July 14, 1789', '14 July 1789'],
			['at ten o’clock', 'at ten o’clock on 14 July 1789'],
			['as day began to break', 'as day began to break on 14 July 1789']
		]);
	});

	it('ignores durations, quoted “tomorrow” and a sentence cut off mid-way', () => {
		expect(
			datesIn('He did not sleep for five days. ‘We act later that day,’ he said.\nOn 3 May 1921 he')
		).toEqual([]);
	});
});
