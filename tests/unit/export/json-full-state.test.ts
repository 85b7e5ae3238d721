// Engram JSON carries what a full backup carries for a deck tree: the presets its decks use, empty
// subdecks, buried cards, the order of new cards, when each note was made and each field changed.
// Exported from a lived-in collection and imported into an empty one, all of it comes back; a file
// written before these fields existed still imports, with the defaults it always had.
import { describe, expect, it } from 'vitest';
import { parseDeckJson } from '$lib/domain/deck-file';
import type { DeckPreset } from '$lib/domain/preset';
import { State } from '$lib/domain/scheduler';
import { buryCards } from '$lib/storage/card-actions';
import { commitImport } from '$lib/storage/import-commit';
import type { EngramDB } from '$lib/storage/db';
import { updateNote } from '$lib/storage/notes';
import { assignPreset, createPreset, savePreset } from '$lib/storage/presets';
import { freshDb, NOW } from '../helpers';
import { parse } from '../import/import-helpers';
import { AFTER, ROOT, roundTrip, studiedCollection } from './export-helpers';
import { cardsInDeck, cardsInDecks } from '$lib/storage/deck-rows';

const DAY = 86_400_000;
const EMPTY = `${ROOT}::Empty`;

/** The studied collection, with a preset of its own, an empty subdeck, an edit and burials. */
async function livedIn() {
	const { db, deckId } = await studiedCollection();
	const day = (n: number) => new Date(NOW.getTime() + n * DAY);
	const made = await createPreset(db, 'Slow and steady', day(2));
	const preset = await savePreset(
		db,
		{ ...made, newPerDay: 5, burySiblings: false, leechAction: 'suspend', learningSteps: ['2m'] },
		day(2)
	);
	await assignPreset(db, 'smolny', preset.id, day(2));
	await db.decks.add({
		id: 'empty',
		name: EMPTY,
		description: 'Nothing in it yet',
		presetId: preset.id,
		createdAt: day(2).getTime(),
		mtime: day(2).getTime()
	});
	const [note] = await db.notes.where('deckId').equals(deckId).sortBy('id');
	await updateNote(db, note!.id, { fields: { ...note!.fields, Back: 'edited' } }, day(3));
	const cards = await cardsInDeck(db, deckId).sortBy('position');
	const studied = cards.find((c) => c.state !== State.New && c.queue !== 'suspended')!;
	const fresh = cards.filter((c) => c.state === State.New && c.queue === 'new');
	await buryCards(db, [studied.id, fresh[0]!.id], AFTER);
	// A new card moved to the front of the new-card order, as a reposition would.
	await db.cards.update(fresh.at(-1)!.id, { position: -1 });
	return { db, deckId, presetId: preset.id, edited: note!.id };
}

/** A deck tree as records, with deck ids (which differ between collections) replaced by names. */
async function records(db: EngramDB) {
	const decks = (await db.decks.toArray()).filter(
		(d) => d.name === ROOT || d.name.startsWith(`${ROOT}::`)
	);
	const name = new Map(decks.map((d) => [d.id, d.name]));
	const cards = await cardsInDecks(db, [...name.keys()]).sortBy('id');
	const notes = await db.notes.bulkGet([...new Set(cards.map((c) => c.noteId))]);
	const presets = await db.presets.bulkGet([...new Set(decks.map((d) => d.presetId))]);
	return {
		decks: decks
			.map((d) => ({ name: d.name, description: d.description, presetId: d.presetId }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		presets: presets.filter((p) => p !== undefined).sort((a, b) => a.id.localeCompare(b.id)),
		notes: notes
			.map((n) => ({ ...n!, deckId: name.get(n!.deckId), mtime: undefined }))
			.sort((a, b) => a.id.localeCompare(b.id)),
		cards: cards.map((c) => ({
			id: c.id,
			noteId: c.noteId,
			deck: name.get(c.deckId),
			ord: c.ord,
			queue: c.queue,
			position: c.position,
			flag: c.flag ?? 0,
			// Meaningful only while buried (a card answered while buried by the test helper keeps it).
			buriedUntil: c.queue === 'buried' ? c.buriedUntil : undefined
		}))
	};
}

describe('Engram JSON keeps the whole state of a deck tree', () => {
	it('presets, empty subdecks, buried cards, new-card order, creation and field times come back', async () => {
		const { db, deckId, presetId, edited } = await livedIn();
		const { file, target, summary } = await roundTrip(db, deckId, 'json');
		expect(summary.warnings).toEqual([]);
		const parsed = parseDeckJson(new TextDecoder().decode(file.bytes));
		expect(parsed.presets.map((p) => p.id).sort()).toEqual(['default', presetId].sort());
		expect(parsed.subdecks.map((d) => d.name)).toEqual([EMPTY, `${ROOT}::Smolny`]);

		const before = await records(db);
		const after = await records(target);
		// What the comparison covers is really there, so an equal result means something.
		expect(before.decks.find((d) => d.name === EMPTY)).toMatchObject({ presetId });
		expect(before.presets.find((p) => p.id === presetId)).toMatchObject({ newPerDay: 5 });
		expect(before.cards.filter((c) => c.queue === 'buried')).toHaveLength(2);
		expect(before.cards.some((c) => c.position === -1)).toBe(true);
		const note = before.notes.find((n) => n.id === edited)!;
		expect(note.fieldMtimes.Back).toBeGreaterThan(note.fieldMtimes.Front!);
		expect(note.fieldMtimes.Front).toBe(note.createdAt);

		expect(after.decks).toEqual(before.decks);
		expect(after.presets).toEqual(before.presets);
		expect(after.notes).toEqual(before.notes);
		expect(after.cards).toEqual(before.cards);
	}, 60_000);

	it('a file from before these fields existed imports as it always did', async () => {
		const { db, deckId } = await livedIn();
		const { file } = await roundTrip(db, deckId, 'json');
		const old = JSON.parse(new TextDecoder().decode(file.bytes)) as Record<string, unknown>;
		delete old.preset;
		delete old.presets;
		delete old.subdecks;
		for (const note of old.notes as Record<string, unknown>[]) {
			delete note.created;
			delete note.modified;
			const cards = (note.cards ?? []) as Record<string, unknown>[];
			cards.forEach((card) => (delete card.position, delete card.buriedUntil));
		}
		const bytes = new TextEncoder().encode(JSON.stringify(old));
		const target = freshDb();
		await commitImport(target, await parse('old.json', bytes, { now: AFTER }), AFTER);
		const after = await records(target);
		expect(after.decks.map((d) => [d.name, d.presetId])).toEqual([
			[ROOT, 'default'],
			[`${ROOT}::Smolny`, 'default']
		]);
		expect(after.cards.filter((c) => c.queue === 'buried')).toEqual([]);
		expect(new Set(after.notes.map((n) => n.createdAt))).toEqual(new Set([AFTER.getTime()]));
		const times = after.notes.flatMap((n) => Object.values(n.fieldMtimes));
		expect(new Set(times)).toEqual(new Set([AFTER.getTime()]));
		// New cards are placed in the order of the file.
		const positions = after.cards.map((c) => c.position);
		expect(Math.min(...positions)).toBe(0);
	}, 60_000);
});

describe('presets from a file', () => {
	/**
	 * The export of `livedIn`, with its own preset changed by `edit`, its default preset changed
	 * too (100 new cards a day), both dated `modified`.
	 */
	async function fileWith(edit: Partial<DeckPreset>, modified: Date) {
		const { db, deckId, presetId } = await livedIn();
		const { file } = await roundTrip(db, deckId, 'json');
		const json = JSON.parse(new TextDecoder().decode(file.bytes)) as {
			presets: Record<string, unknown>[];
		};
		const change = (p: Record<string, unknown>) => (p.id === presetId ? edit : { newPerDay: 100 });
		json.presets = json.presets.map((p) => ({
			...p,
			...change(p),
			modified: modified.toISOString()
		}));
		return { db, presetId, bytes: new TextEncoder().encode(JSON.stringify(json)) };
	}

	it('a newer copy updates the preset here, an older one leaves it; the default is never replaced', async () => {
		const newer = await fileWith({ newPerDay: 42 }, new Date(AFTER.getTime() + DAY));
		await commitImport(newer.db, await parse('d.json', newer.bytes, { now: AFTER }), AFTER);
		expect(await newer.db.presets.get(newer.presetId)).toMatchObject({ newPerDay: 42 });
		expect(await newer.db.presets.get('default')).toMatchObject({ newPerDay: 20 });

		const older = await fileWith({ newPerDay: 42 }, NOW);
		await commitImport(older.db, await parse('d.json', older.bytes, { now: AFTER }), AFTER);
		expect(await older.db.presets.get(older.presetId)).toMatchObject({ newPerDay: 5 });
	}, 60_000);

	it('a preset the options screen would refuse, or one no deck can find, refuses the file in one sentence', async () => {
		const { bytes } = await fileWith({ desiredRetention: 2 }, AFTER);
		await expect(parse('d.json', bytes, { now: AFTER })).rejects.toThrow(
			/^Not a valid Engram deck: presets\.\d: Desired retention must be between 0\.7 and 0\.99\.$/
		);
		const { bytes: unknown } = await fileWith({ id: 'elsewhere' }, AFTER);
		await expect(parse('d.json', unknown, { now: AFTER })).rejects.toThrow(/: unknown preset "/);
	}, 60_000);
});
