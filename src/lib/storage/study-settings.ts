/** Collection-wide study settings kept in the `settings` table: the hour the study day starts. */
import { DEFAULT_DAY_START_HOUR } from '$lib/domain/study-day';
import type { EngramDB } from './db';
import { putSetting } from './settings';

export const DAY_START_HOUR_KEY = 'dayStartHour';

export class SettingError extends Error {
	override name = 'SettingError';
}

export async function getDayStartHour(db: EngramDB): Promise<number> {
	const value = (await db.settings.get(DAY_START_HOUR_KEY))?.value;
	return typeof value === 'number' && isHour(value) ? value : DEFAULT_DAY_START_HOUR;
}

export async function setDayStartHour(db: EngramDB, hour: number, now: Date): Promise<void> {
	if (!isHour(hour)) {
		throw new SettingError('The next day starts at a whole hour from 0 to 23.');
	}
	await putSetting(db, DAY_START_HOUR_KEY, hour, now);
}

function isHour(value: number): boolean {
	return Number.isInteger(value) && value >= 0 && value <= 23;
}
