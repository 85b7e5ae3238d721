// The text export names its columns (`#columns:`), so a note type made in Engram keeps its field
// names when the file is read back on a device that never saw that note type; one note type or
// deck is written as a `#notetype:`/`#deck:` header, several as columns.
import { describe, expect, it } from 'vitest';
import { buildAnkiText } from '$lib/domain/export/anki-text';
import type { ExportData } from '$lib/domain/export/export-data';
import type { NoteRecord, NoteTypeRecord } from '$lib/domain/model';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { textToBundle } from '$lib/domain/import/text-records';
import { NOW } from '../helpers';

const vocab: NoteTypeRecord = {
	id: 'vocab-type',
	name: 'Vocabulary',
	kind: 'standard',
	fields: ['Word', 'Meaning', 'Example'],
	templates: [{ name: 'Card 1', front: '{{Word}}', back: '{{Meaning}}' }],
	css: '',
	mtime: 0
};

function note(id: string, type: NoteTypeRecord, values: string[], deckId = 'es'): NoteRecord {
	const fields = Object.fromEntries(type.fields.map((f, i) => [f, values[i] ?? '']));
	return {
		id,
		deckId,
		noteTypeId: type.id,
		fields,
		fieldMtimes: {},
		tags: ['verb'],
		createdAt: 0,
		mtime: 0
	};
}

function data(notes: NoteRecord[], noteTypes: NoteTypeRecord[]): ExportData {
	const deck = (id: string, name: string) => ({
		id,
		name,
		description: '',
		presetId: 'default',
		createdAt: 0,
		mtime: 0
	});
	return {
		decks: [deck('es', 'Spanish'), deck('es-verbs', 'Spanish::Verbs')],
		presets: [],
		noteTypes,
		notes,
		cards: [],
		reviews: [],
		media: []
	};
}

describe('Anki text export headers', () => {
	it('one note type and deck: field names in #columns come back on a new device', () => {
		const text = buildAnkiText(
			data([note('n1', vocab, ['hablar', 'to speak', 'Hablo español.'])], [vocab])
		);
		expect(text.split('\n').slice(0, 7)).toEqual([
			'#separator:tab',
			'#html:true',
			'#columns:guid\tWord\tMeaning\tExample\ttags',
			'#guid column:1',
			'#notetype:Vocabulary',
			'#deck:Spanish',
			'#tags column:5'
		]);
		const bundle = textToBundle(new TextEncoder().encode(text), 'x.tsv', NOW);
		expect(bundle.noteTypes.map((t) => [t.name, t.fields])).toEqual([
			['Vocabulary', ['Word', 'Meaning', 'Example']]
		]);
		expect(bundle.notes).toMatchObject([
			{
				id: 'n1',
				fields: { Word: 'hablar', Meaning: 'to speak', Example: 'Hablo español.' },
				tags: ['verb']
			}
		]);
		expect(bundle.decks.map((d) => d.name)).toEqual(['Spanish']);
	});

	it('several note types and decks: notetype and deck columns, names where the types agree', () => {
		const basic = BUILTIN_NOTE_TYPES.basic;
		const text = buildAnkiText(
			data(
				[
					note('n1', vocab, ['comer', 'to eat', 'Como pan.'], 'es-verbs'),
					note('n2', basic, ['la casa', 'the house'])
				],
				[vocab, basic]
			)
		);
		expect(text.split('\n').slice(2, 7)).toEqual([
			'#columns:guid\tnotetype\tdeck\tField 1\tField 2\tExample\ttags',
			'#guid column:1',
			'#notetype column:2',
			'#deck column:3',
			'#tags column:7'
		]);
		const bundle = textToBundle(new TextEncoder().encode(text), 'x.tsv', NOW);
		expect(bundle.notes.map((n) => [n.id, n.noteTypeId, n.deckId.length > 0])).toEqual([
			['n1', bundle.noteTypes.find((t) => t.name === 'Vocabulary')!.id, true],
			['n2', 'basic', true]
		]);
		expect(bundle.decks.map((d) => d.name).sort()).toEqual(['Spanish', 'Spanish::Verbs']);
	});
});
