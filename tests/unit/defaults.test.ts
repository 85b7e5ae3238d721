import { describe, expect, it } from 'vitest';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { BUILTIN_NOTE_TYPE_IDS } from '$lib/domain/note-type-ids';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { ensureDefaults } from '$lib/storage/defaults';
import { freshDb } from './helpers';

describe('ensureDefaults', () => {
	it('a first start stores the default preset and every built-in note type', async () => {
		const db = freshDb();
		await ensureDefaults(db);
		expect(await db.presets.get(DEFAULT_PRESET.id)).toEqual(DEFAULT_PRESET);
		expect(await db.noteTypes.bulkGet([...BUILTIN_NOTE_TYPE_IDS])).toEqual(
			BUILTIN_NOTE_TYPE_IDS.map((id) => BUILTIN_NOTE_TYPES[id])
		);
	});

	it('a later start puts back a missing note type and leaves the stored ones as they are', async () => {
		const db = freshDb();
		await ensureDefaults(db);
		const renamed = { ...BUILTIN_NOTE_TYPES.basic, name: 'My basic', mtime: 5 };
		await db.noteTypes.put(renamed);
		await db.noteTypes.delete('cloze');
		await ensureDefaults(db);
		expect(await db.noteTypes.get('basic')).toEqual(renamed);
		expect(await db.noteTypes.get('cloze')).toEqual(BUILTIN_NOTE_TYPES.cloze);
		expect(await db.noteTypes.count()).toBe(BUILTIN_NOTE_TYPE_IDS.length);
	});
});
