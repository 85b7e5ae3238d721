/**
 * The deck options form's edit (routes/decks/[deckId]/options/preset-edit.svelte.ts) when a save
 * is refused by another tab's restore or import: it says the options were not saved and why, in
 * describeWriteError's words. Read anew (the form made again once the journal ended) it keeps
 * only the options the user changed, so one the other tab stored is not put back as it was;
 * saving then stores both.
 */
import { describe, expect, it } from 'vitest';
import { PresetEdit } from '../../src/routes/decks/[deckId]/options/preset-edit.svelte';
import { savePreset } from '$lib/storage/presets';
import { emptyDeckDb, NOW } from './helpers';
import { holdJournal } from './journal-helpers';

const LATER = new Date(NOW.getTime() + 60_000);

describe('a preset edit refused by an open journal', () => {
	it('keeps its message and the options changed, read anew over what the other tab stored', async () => {
		const { db } = await emptyDeckDb();
		const preset = (await db.presets.get('default'))!;
		const edit = new PresetEdit(preset);
		edit.draft.newPerDay = preset.newPerDay + 7;
		const release = await holdJournal(db);

		expect(await edit.save(db, preset, LATER)).toBe(false);
		expect(edit.status.error).toMatch(/^A restore or import is running in another tab, so this/);
		expect(await db.presets.get('default')).toEqual(preset);

		await release();
		const imported = await savePreset(
			db,
			{ ...preset, reviewsPerDay: preset.reviewsPerDay + 100 },
			NOW
		);
		edit.reread(imported);
		expect(edit.status.error).toMatch(/so this was not saved/);
		expect([edit.draft.newPerDay, edit.draft.reviewsPerDay]).toEqual([
			preset.newPerDay + 7,
			preset.reviewsPerDay + 100
		]);

		expect(await edit.save(db, imported, LATER)).toBe(true);
		const saved = (await db.presets.get('default'))!;
		expect([saved.newPerDay, saved.reviewsPerDay]).toEqual([
			preset.newPerDay + 7,
			preset.reviewsPerDay + 100
		]);
	});
});
