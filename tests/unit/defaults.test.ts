import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { BUILTIN_NOTE_TYPES } from '$lib/domain/note-types';
import { BUILTIN_NOTE_TYPE_IDS } from '$lib/domain/note-type-ids';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import type { EngramDB } from '$lib/storage/db';
import { ensureDefaults } from '$lib/storage/defaults';
import { freshDb } from './helpers';

/** The mode and tables of every transaction `db` opens (registered before its first open). */
function recordTransactions(db: EngramDB): { mode: string; tables: string[] }[] {
	const opened: { mode: string; tables: string[] }[] = [];
	db.use({
		stack: 'dbcore',
		name: 'RecordTransactions',
		create: (down: DBCore): DBCore => ({
			...down,
			transaction: (tables, mode, options) => {
				opened.push({ mode, tables: [...tables].sort() });
				return down.transaction(tables, mode, options);
			}
		})
	});
	return opened;
}

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

	it('a start that finds them all stored only reads: no read-write transaction', async () => {
		const db = freshDb();
		const opened = recordTransactions(db);
		await ensureDefaults(db);
		expect(opened.map((t) => t.mode)).toEqual(['readonly', 'readwrite']);
		opened.length = 0;
		await ensureDefaults(db);
		expect(opened).toEqual([{ mode: 'readonly', tables: ['noteTypes', 'presets'] }]);
	});

	it('a start missing only the default preset writes it back', async () => {
		const db = freshDb();
		const opened = recordTransactions(db);
		await ensureDefaults(db);
		await db.presets.delete(DEFAULT_PRESET.id);
		opened.length = 0;
		await ensureDefaults(db);
		expect(opened.map((t) => t.mode)).toEqual(['readonly', 'readwrite']);
		expect(await db.presets.get(DEFAULT_PRESET.id)).toEqual(DEFAULT_PRESET);
	});
});
