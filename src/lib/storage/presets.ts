/**
 * Deck option presets: list, read, save (validated), create, delete, and assign to decks.
 * The default preset always exists and cannot be deleted.
 */
import { newId } from '$lib/domain/ids';
import { DEFAULT_PRESET, DEFAULT_PRESET_ID, type DeckPreset } from '$lib/domain/preset';
import { PresetError, validatePreset } from '$lib/domain/preset-validation';
import type { EngramDB } from './db';
import { deleteWithTombstones } from './tombstones';

export { presetForDeck } from './queue-counts';

export async function listPresets(db: EngramDB): Promise<DeckPreset[]> {
	const presets = await db.presets.toArray();
	if (!presets.some((preset) => preset.id === DEFAULT_PRESET_ID)) {
		presets.unshift(DEFAULT_PRESET);
	}
	return presets.sort(
		(a, b) =>
			Number(b.id === DEFAULT_PRESET_ID) - Number(a.id === DEFAULT_PRESET_ID) ||
			a.name.localeCompare(b.name)
	);
}

export async function getPreset(db: EngramDB, presetId: string): Promise<DeckPreset | undefined> {
	const preset = await db.presets.get(presetId);
	return preset ?? (presetId === DEFAULT_PRESET_ID ? DEFAULT_PRESET : undefined);
}

/** Validates and stores the preset; throws a PresetError (and stores nothing) if it is invalid. */
export async function savePreset(db: EngramDB, preset: DeckPreset, now: Date): Promise<DeckPreset> {
	const valid = validatePreset(preset);
	const stored = { ...valid, mtime: Math.max(now.getTime(), preset.mtime + 1) };
	await db.presets.put(stored);
	return stored;
}

/** A new preset with the options of `from` (the default preset if not given). */
export async function createPreset(
	db: EngramDB,
	name: string,
	now: Date,
	from: DeckPreset = DEFAULT_PRESET
): Promise<DeckPreset> {
	return savePreset(db, { ...from, id: newId(), name, mtime: 0 }, now);
}

/** Deletes a preset; its decks go back to the default preset. */
export async function deletePreset(db: EngramDB, presetId: string, now: Date): Promise<void> {
	if (presetId === DEFAULT_PRESET_ID) {
		throw new PresetError('The default preset cannot be deleted.');
	}
	await db.transaction('rw', [db.presets, db.decks, db.tombstones], async () => {
		await db.decks
			.filter((deck) => deck.presetId === presetId)
			.modify({ presetId: DEFAULT_PRESET_ID, mtime: now.getTime() });
		await deleteWithTombstones(db, 'presets', [presetId], now);
	});
}

export async function assignPreset(
	db: EngramDB,
	deckId: string,
	presetId: string,
	now: Date
): Promise<void> {
	await db.transaction('rw', [db.presets, db.decks], async () => {
		if (!(await getPreset(db, presetId))) {
			throw new PresetError('That preset does not exist any more.');
		}
		const deck = await db.decks.get(deckId);
		if (!deck) {
			throw new PresetError('That deck does not exist any more.');
		}
		await db.decks.put({ ...deck, presetId, mtime: Math.max(now.getTime(), deck.mtime + 1) });
	});
}

/** How many decks use each preset, for the options screen ("used by 3 decks"). */
export async function presetUsage(db: EngramDB): Promise<Map<string, number>> {
	const usage = new Map<string, number>();
	await db.decks.each((deck) => usage.set(deck.presetId, (usage.get(deck.presetId) ?? 0) + 1));
	return usage;
}
