import { describe, expect, it } from 'vitest';
import { basic, cloze, mergeCandidates } from '$lib/domain/builder/candidate';
import { buildCandidates, candidatesToDeck } from '$lib/domain/builder/index';
import { keyPhrase } from '$lib/domain/builder/quote-cards';
import { whQuestion } from '$lib/domain/builder/questions';
import { DeckFileError } from '$lib/domain/deck-file';

describe('candidates', () => {
	it('merge duplicates, keeping the surer one and both sets of tags', () => {
		const a = basic('person', 'Who left?', 'Lenin', 'Lenin left.', 0.6, ['lenin']);
		const b = basic('person', 'Who  left', 'Lenin', 'Lenin left.', 0.9, ['petrograd']);
		const c = cloze('person', '{{c1::Lenin}} left.', '', 'Lenin left.', 0.7);
		const merged = mergeCandidates([a, b, c]);
		expect(merged.map((m) => [m.fields.Front ?? m.fields.Text, m.confidence])).toEqual([
			['Who  left', 0.9],
			['{{c1::Lenin}} left.', 0.7]
		]);
		expect(merged[0]!.tags).toEqual(['person', 'lenin', 'petrograd']);
	});

	it('have ids that depend only on their content', () => {
		const one = basic('date', 'When?', '1917', 's', 0.5);
		expect(basic('date', 'When?', '1917', 's', 0.9).id).toBe(one.id);
		expect(basic('date', 'When?', '1918', 's', 0.5).id).not.toBe(one.id);
		expect(one.id).toMatch(/^date-when-[0-9a-f]{8}$/u);
	});

	it('turn statements into questions and find the key phrase of a quotation', () => {
		expect(
			whQuestion(
				'When',
				'The Wall fell between 9 and 10 November 1989.',
				'between 9 and 10 November 1989'
			)
		).toBe('When did the Wall fall?');
		expect(whQuestion('When', 'Yet the treaty was signed in 1918', 'in 1918')).toBe(
			'When was the treaty signed?'
		);
		expect(keyPhrase('Yes, everything’s ready. We shall seize power!')).toBe('seize power');
		expect(keyPhrase('Comrade Stalin didn’t sleep for five days.')).toBe('five days');
	});

	it('build a valid deck from another history passage', () => {
		const text = `On 9 November 1989 the Berlin Wall fell. Günter Schabowski told the press: "Immediately, without delay." Crowds gathered at the Brandenburg Gate before dawn on 10 November.`;
		const candidates = buildCandidates(text);
		const fronts = candidates.map(
			(c) => `${c.fields.Front ?? c.fields.Text} → ${c.fields.Back ?? ''}`
		);
		expect(fronts).toContain('When did the Berlin Wall fall? → 9 November 1989');
		expect(fronts).toContain('Who said: ‘Immediately, without delay.’? → Günter Schabowski');
		expect(fronts).toContain('Where did crowds gather? → The Brandenburg Gate');
		const deck = candidatesToDeck(candidates, { id: 'built-wall', name: 'The Wall' });
		expect(deck.notes.every((n) => n.id.startsWith('built-wall:') && n.kind && n.source)).toBe(
			true
		);
	});

	it('refuses to make a deck with no name', () => {
		expect(() => candidatesToDeck([], { id: 'x', name: ' ' })).toThrow(DeckFileError);
	});
});
