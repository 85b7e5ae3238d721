/**
 * Built-in note types with stable ids, so every device and every deck file refers to the same ones.
 */
import type { NoteTypeRecord } from './model';
import { BUILTIN_NOTE_TYPE_IDS, type BuiltinNoteTypeId } from './note-type-ids';

export { BUILTIN_NOTE_TYPE_IDS, type BuiltinNoteTypeId };

const CARD_CSS = '.card { text-align: center; }';
const FORWARD = {
	name: 'Card 1',
	front: '{{Front}}',
	back: '{{FrontSide}}<hr id="answer">{{Back}}'
};
const REVERSE = {
	name: 'Card 2',
	front: '{{Back}}',
	back: '{{FrontSide}}<hr id="answer">{{Front}}'
};

export const BUILTIN_NOTE_TYPES: Record<BuiltinNoteTypeId, NoteTypeRecord> = {
	basic: {
		id: 'basic',
		name: 'Basic',
		kind: 'standard',
		fields: ['Front', 'Back'],
		templates: [FORWARD],
		css: CARD_CSS,
		mtime: 0
	},
	'basic-reversed': {
		id: 'basic-reversed',
		name: 'Basic (and reversed card)',
		kind: 'standard',
		fields: ['Front', 'Back'],
		templates: [FORWARD, REVERSE],
		css: CARD_CSS,
		mtime: 0
	},
	'basic-optional-reversed': {
		id: 'basic-optional-reversed',
		name: 'Basic (optional reversed card)',
		kind: 'standard',
		fields: ['Front', 'Back', 'Add Reverse'],
		templates: [FORWARD, { ...REVERSE, front: '{{#Add Reverse}}{{Back}}{{/Add Reverse}}' }],
		css: CARD_CSS,
		mtime: 0
	},
	cloze: {
		id: 'cloze',
		name: 'Cloze',
		kind: 'cloze',
		fields: ['Text', 'Extra'],
		templates: [{ name: 'Cloze', front: '{{cloze:Text}}', back: '{{cloze:Text}}<br>{{Extra}}' }],
		css: CARD_CSS,
		mtime: 0
	},
	'type-in': {
		id: 'type-in',
		name: 'Basic (type in the answer)',
		kind: 'standard',
		fields: ['Front', 'Back'],
		templates: [
			{
				name: 'Card 1',
				front: '{{Front}}<br>{{type:Back}}',
				back: '{{Front}}<hr id="answer">{{type:Back}}'
			}
		],
		css: CARD_CSS,
		mtime: 0
	}
};

export function isBuiltinNoteType(id: string): id is BuiltinNoteTypeId {
	return (BUILTIN_NOTE_TYPE_IDS as readonly string[]).includes(id);
}
