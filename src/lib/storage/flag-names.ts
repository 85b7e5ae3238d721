/**
 * Custom flag names, one settings row per flag (`flagName.N`) with its mtime, so a merge or a
 * sync keeps the newer name of each flag. An empty name deletes the row (with a tombstone): the
 * flag shows its colour again.
 */
import {
	FLAG_NAMES,
	MAX_FLAG_NAME,
	type CustomFlagNames,
	type FlagColour
} from '$lib/domain/flags';
import type { EngramDB } from './db';
import { deleteSettings, putSetting } from './settings';
import { SettingError } from './study-settings';

export const flagNameKey = (flag: FlagColour) => `flagName.${flag}`;

export async function getFlagNames(db: EngramDB): Promise<CustomFlagNames> {
	const rows = await db.settings.bulkGet(FLAG_NAMES.map(({ flag }) => flagNameKey(flag)));
	const names: CustomFlagNames = {};
	FLAG_NAMES.forEach(({ flag }, i) => {
		const value = rows[i]?.value;
		if (typeof value === 'string' && value.trim() !== '') {
			names[flag] = value;
		}
	});
	return names;
}

/** Renames the flag; an empty name (spaces only too) gives it back its colour's name. */
export async function setFlagName(
	db: EngramDB,
	flag: FlagColour,
	name: string,
	now: Date
): Promise<void> {
	if (!FLAG_NAMES.some((item) => item.flag === flag)) {
		throw new SettingError('A flag is a number from 1 to 7.');
	}
	const trimmed = name.trim().replace(/\s+/g, ' ');
	if (trimmed.length > MAX_FLAG_NAME) {
		throw new SettingError(`A flag name has at most ${MAX_FLAG_NAME} characters.`);
	}
	if (trimmed === '') {
		await deleteSettings(db, [flagNameKey(flag)], now);
	} else {
		await putSetting(db, flagNameKey(flag), trimmed, now);
	}
}
