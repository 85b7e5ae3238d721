/**
 * The reset choices last used, remembered as Anki remembers them: one for the study screen, one
 * for the browser. Settings rows with an mtime, so a merge or a sync keeps the newer choice.
 */
import { resetOptionsFrom, type ResetOptions } from '$lib/domain/reset-options';
import type { EngramDB } from './db';
import { putSetting } from './settings';

export type ResetPlace = 'study' | 'browse';

export const resetOptionsKey = (place: ResetPlace) => `resetOptions.${place}`;

export async function getResetOptions(db: EngramDB, place: ResetPlace): Promise<ResetOptions> {
	return resetOptionsFrom((await db.settings.get(resetOptionsKey(place)))?.value);
}

export async function setResetOptions(
	db: EngramDB,
	place: ResetPlace,
	options: ResetOptions,
	now: Date
): Promise<void> {
	const { restorePosition, resetCounts } = options;
	await putSetting(db, resetOptionsKey(place), { restorePosition, resetCounts }, now);
}
