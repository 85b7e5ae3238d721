import { describe, expect, it } from 'vitest';
import { makeCloze } from '$lib/domain/make-cloze';
import { compareTypedAnswer } from '$lib/domain/typed-answer';

describe('makeCloze', () => {
	it('wraps the selection in the next cloze number and keeps it selected', () => {
		const text = 'Lenin arrived at Smolny';
		const edit = makeCloze(text, 17, 23);
		expect(edit.text).toBe('Lenin arrived at {{c1::Smolny}}');
		expect(edit.text.slice(edit.selectionStart, edit.selectionEnd)).toBe('Smolny');
		const second = makeCloze(edit.text, 0, 5);
		expect(second.text).toBe('{{c2::Lenin}} arrived at {{c1::Smolny}}');
	});

	it('reuses the highest number when asked, and inserts an empty deletion without a selection', () => {
		expect(makeCloze('{{c3::a}} b', 10, 11, true).text).toBe('{{c3::a}} {{c3::b}}');
		const empty = makeCloze('ab', 1, 1);
		expect(empty.text).toBe('a{{c1::}}b');
		expect(empty.selectionStart).toBe(7);
	});
});

describe('compareTypedAnswer', () => {
	it('ignores case and extra spaces but not spelling', () => {
		expect(compareTypedAnswer('  the  Winter palace ', 'The Winter Palace').correct).toBe(true);
		expect(compareTypedAnswer('Winter Palace', 'The Winter Palace').correct).toBe(false);
	});
});

describe('previewCards', async () => {
	const { previewCards } = await import('$lib/domain/card-view');
	const { BUILTIN_NOTE_TYPES } = await import('$lib/domain/note-types');

	it('shows one card per template, and one per cloze number', () => {
		const reversed = previewCards(
			BUILTIN_NOTE_TYPES['basic-reversed'],
			{ Front: 'Smolny', Back: 'Bolshevik HQ' },
			[],
			'D'
		);
		expect(reversed.map((c) => c.name)).toEqual(['Card 1', 'Card 2']);
		expect(reversed[1]!.front).toBe('Bolshevik HQ');
		const cloze = previewCards(
			BUILTIN_NOTE_TYPES.cloze,
			{ Text: '{{c1::Lenin}} at {{c2::Smolny}}', Extra: '' },
			[],
			'D'
		);
		expect(cloze.map((c) => c.name)).toEqual(['Cloze 1', 'Cloze 2']);
		expect(cloze[0]!.front).toContain('[…]');
		expect(cloze[0]!.front).not.toContain('Lenin');
		expect(previewCards(BUILTIN_NOTE_TYPES.basic, { Front: '', Back: '' }, [], 'D')).toEqual([]);
	});
});

describe('retention workload', async () => {
	const { describeRetention, intervalFactor, relativeWorkload } =
		await import('$lib/domain/retention-workload');

	it('is 1 at 90% and grows steeply towards 100%', () => {
		expect(relativeWorkload(0.9)).toBeCloseTo(1, 10);
		expect(intervalFactor(0.9)).toBeCloseTo(1, 10);
		expect(relativeWorkload(0.95)).toBeGreaterThan(2);
		expect(relativeWorkload(0.97)).toBeGreaterThan(relativeWorkload(0.95));
		expect(relativeWorkload(0.8)).toBeLessThan(0.5);
	});

	it('explains the choice in one sentence', () => {
		expect(describeRetention(0.9)).toContain('the usual workload');
		expect(describeRetention(0.95)).toMatch(/about \d\.\d× the reviews of 90%/);
		expect(describeRetention(0.85)).toMatch(/\d+% fewer reviews/);
	});
});
