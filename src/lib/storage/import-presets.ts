/**
 * The presets an import brings, matched against the ones stored: a deck whose Anki options are
 * the same as a preset the collection already has (under another id and name, "Default" above
 * all) uses that preset, so imports add no copies; and the summary names each new deck's preset.
 */
import type { ImportBundle } from '$lib/domain/import/bundle';
import type { DeckRecord } from '$lib/domain/model';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { sameOptions } from '$lib/domain/preset-match';
import type { EngramDB } from './db';

/** The presets new decks got, each with those decks' names. */
export type PresetsOfNewDecks = { preset: string; decks: string[] }[];

/** The bundle with each preset that equals a stored one replaced by it (same id: left as is). */
export async function reuseStoredPresets(
	db: EngramDB,
	bundle: ImportBundle
): Promise<ImportBundle> {
	if (!bundle.presets?.length) {
		return bundle;
	}
	const stored = await db.presets.toArray();
	if (!stored.some((p) => p.id === DEFAULT_PRESET.id)) {
		stored.push(DEFAULT_PRESET);
	}
	// Of several equal presets, the default is the one to share.
	stored.sort((a, b) => Number(b.id === DEFAULT_PRESET.id) - Number(a.id === DEFAULT_PRESET.id));
	const replaced = new Map<string, string>();
	for (const preset of bundle.presets) {
		const match = stored.find((p) => sameOptions(p, preset));
		if (match && !stored.some((p) => p.id === preset.id)) {
			replaced.set(preset.id, match.id);
		}
	}
	if (replaced.size === 0) {
		return bundle;
	}
	return {
		...bundle,
		presets: bundle.presets.filter((p) => !replaced.has(p.id)),
		decks: bundle.decks.map((d) => ({ ...d, presetId: replaced.get(d.presetId) ?? d.presetId }))
	};
}

/** Which preset each deck the import added uses, by the preset's stored name. */
export async function presetsOfNewDecks(
	db: EngramDB,
	added: DeckRecord[]
): Promise<PresetsOfNewDecks> {
	const ids = [...new Set(added.map((d) => d.presetId))];
	const presets = await db.presets.bulkGet(ids);
	return ids.map((id, i) => ({
		preset: presets[i]?.name ?? DEFAULT_PRESET.name,
		decks: added.filter((d) => d.presetId === id).map((d) => d.name)
	}));
}
