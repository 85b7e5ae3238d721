// The bundled October 1917 deck is valid, complete enough for a student, keeps the ids existing
// users' progress hangs on, and matches its JSON Schema; a bad deck gives one clear sentence.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	DeckCardSchema,
	DeckFileSchema,
	DeckNoteSchema,
	DeckNoteTypeSchema,
	DeckPresetSchema,
	DeckSubdeckSchema,
	parseDeckFile,
	parseDeckJson,
	NoteKindSchema
} from '$lib/domain/deck-file';
import { BUILTIN_NOTE_TYPE_IDS } from '$lib/domain/note-types';
import { parseCloze } from '$lib/domain/cloze';
import { cleanPassage } from '$lib/domain/builder/text-cleanup';
import { bundledDeck } from './helpers';

const schema = JSON.parse(
	readFileSync(new URL('../../decks/engram-deck.schema.json', import.meta.url), 'utf8')
) as {
	required: string[];
	properties: object;
	$defs: {
		note: { properties: { type: { anyOf: [{ enum: string[] }] }; kind: { enum: string[] } } };
		noteType: { properties: object };
		card: { properties: object };
		preset: { properties: object };
		subdeck: { properties: object };
	};
};
const passage = cleanPassage(
	readFileSync(new URL('../../../shared/seed/passage.txt', import.meta.url), 'utf8')
)
	.map((p) => p.text)
	.join(' ');

describe('the bundled October 1917 deck', () => {
	const deck = bundledDeck();

	it('has 40+ notes of every kind, with attribution', () => {
		expect(deck.id).toBe('engram-october-1917');
		expect(deck.source).toEqual({
			author: 'Robert Service',
			title: 'Stalin: A Biography',
			year: 2004,
			publisher: 'Macmillan'
		});
		expect(deck.notes.length).toBeGreaterThanOrEqual(40);
		const kinds = new Set(deck.notes.map((n) => n.kind));
		expect([...kinds].sort()).toEqual(['date', 'fact', 'person', 'place', 'quote', 'term']);
	});

	it('keeps the six original note ids and their note types', () => {
		const types = Object.fromEntries(deck.notes.map((n) => [n.id, n.type]));
		expect(types).toMatchObject({
			'oct1917-date-cc-meeting': 'basic-reversed',
			'oct1917-quote-seize-power': 'cloze',
			'oct1917-person-lenin-decrees': 'basic',
			'oct1917-fact-mrc': 'basic',
			'oct1917-place-smolny': 'basic',
			'oct1917-person-lunacharski': 'basic'
		});
	});

	it('gives every note a kind, tags and a source sentence taken from the passage', () => {
		for (const note of deck.notes) {
			expect(note.kind, note.id).toBeDefined();
			expect(note.tags.length, note.id).toBeGreaterThan(0);
			const source = (note.source ?? '').replace(/ …$/u, '');
			// Sources are the passage's own sentences, footnote numbers stripped.
			expect(passage.includes(cleanPassage(source)[0]!.text), note.id).toBe(true);
			expect(source.length, note.id).toBeLessThan(300);
		}
	});

	it('asks questions and gives short answers; every cloze hides something', () => {
		for (const note of deck.notes) {
			if (note.type === 'cloze') {
				expect(
					parseCloze(note.fields.Text ?? '').some((n) => typeof n !== 'string'),
					note.id
				).toBe(true);
			} else {
				expect(note.fields.Front, note.id).toMatch(/\?$/u);
				expect((note.fields.Back ?? '').length, note.id).toBeLessThanOrEqual(150);
			}
		}
	});

	it('never uses the missing end of the cut-off sentence', () => {
		const text = JSON.stringify(deck.notes.map((n) => n.fields));
		expect(text).not.toMatch(/were not a\b/u);
	});
});

describe('deck file validation', () => {
	it('agrees with the JSON Schema on note types and kinds', () => {
		expect(schema.$defs.note.properties.type.anyOf[0].enum).toEqual([...BUILTIN_NOTE_TYPE_IDS]);
		expect(schema.$defs.note.properties.kind.enum).toEqual(NoteKindSchema.options);
		expect(schema.required).toEqual(['format', 'version', 'id', 'name', 'notes']);
	});

	it('names the same fields as the JSON Schema, exported additions included', () => {
		const keys = (o: object) => Object.keys(o).sort();
		expect(keys(schema.properties)).toEqual(keys(DeckFileSchema.entries));
		expect(keys(schema.$defs.note.properties)).toEqual(keys(DeckNoteSchema.entries));
		expect(keys(schema.$defs.noteType.properties)).toEqual(keys(DeckNoteTypeSchema.entries));
		expect(keys(schema.$defs.card.properties)).toEqual(keys(DeckCardSchema.entries));
		expect(keys(schema.$defs.preset.properties)).toEqual(keys(DeckPresetSchema.entries));
		expect(keys(schema.$defs.subdeck.properties)).toEqual(keys(DeckSubdeckSchema.entries));
	});

	it('refuses a bad deck with one sentence naming the field', () => {
		const good = bundledDeck();
		expect(() => parseDeckFile({ ...good, version: 2 })).toThrow(
			/^Not a valid Engram deck: version: /u
		);
		expect(() =>
			parseDeckFile({ ...good, notes: [{ ...good.notes[0], type: 'nonsense' }] })
		).toThrow(/^Not a valid Engram deck: notes\.0\.type: /u);
		expect(() => parseDeckFile({ ...good, notes: [good.notes[0], good.notes[0]] })).toThrow(
			'note id "oct1917-date-cc-meeting" appears twice'
		);
		expect(() => parseDeckJson('{')).toThrow('Not a valid Engram deck: the file is not JSON');
	});

	it('accepts its own note types, subdecks and card history, and refuses them when inconsistent', () => {
		const good = bundledDeck();
		const own = {
			id: 'vocab',
			name: 'Vocabulary',
			kind: 'standard',
			fields: ['Word', 'Meaning'],
			templates: [{ name: 'Card 1', front: '{{Word}}', back: '{{Meaning}}' }]
		};
		const note = {
			id: 'w1',
			type: 'vocab',
			fields: { Word: 'soviet', Meaning: 'council' },
			deck: `${good.name}::Words`,
			cards: [{ ord: 0, suspended: true, reviews: [{ at: '2026-03-01T10:00:00Z', rating: 3 }] }]
		};
		const parsed = parseDeckFile({ ...good, noteTypes: [own], notes: [note] });
		expect(parsed.notes[0]).toMatchObject({ type: 'vocab', deck: `${good.name}::Words` });
		expect(parsed.notes[0]!.cards![0]!.reviews[0]).toEqual({
			at: '2026-03-01T10:00:00Z',
			rating: 3,
			ms: 0
		});
		expect(() => parseDeckFile({ ...good, notes: [note] })).toThrow(
			'Not a valid Engram deck: notes.0.type: unknown note type "vocab"'
		);
		expect(() =>
			parseDeckFile({ ...good, noteTypes: [own], notes: [{ ...note, deck: 'Elsewhere' }] })
		).toThrow('notes.0.deck: "Elsewhere" is not inside "History::October 1917"');
		expect(() =>
			parseDeckFile({ ...good, noteTypes: [{ ...own, id: 'basic' }], notes: [] })
		).toThrow('note type id "basic" is taken');
		const sorted = { ...own, sortField: 1 };
		expect(parseDeckFile({ ...good, noteTypes: [sorted], notes: [] }).noteTypes[0]).toEqual({
			...sorted,
			css: ''
		});
		expect(() =>
			parseDeckFile({ ...good, noteTypes: [{ ...own, sortField: 2 }], notes: [] })
		).toThrow('Not a valid Engram deck: noteTypes.0.sortField: no such field');
		const badReview = { ...note, cards: [{ ord: 0, reviews: [{ at: 'yesterday', rating: 3 }] }] };
		expect(() => parseDeckFile({ ...good, noteTypes: [own], notes: [badReview] })).toThrow(
			/^Not a valid Engram deck: notes\.0\.cards\.0\.reviews\.0\.at: not a date and time/u
		);
	});
});
