/** App-wide settings kept in the `settings` table (so a backup or a later sync carries them). */
import { DEFAULT_DAY_START_HOUR } from '$lib/domain/study-day';
import type { EngramDB } from './db';

const DAY_START_KEY = 'dayStartHour';

export async function readDayStartHour(db: EngramDB): Promise<number> {
	const record = await db.settings.get(DAY_START_KEY);
	const hour = Number(record?.value);
	return Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : DEFAULT_DAY_START_HOUR;
}

export async function writeDayStartHour(db: EngramDB, hour: number): Promise<void> {
	if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
		throw new RangeError('The day start must be a whole hour from 0 to 23.');
	}
	await db.settings.put({ key: DAY_START_KEY, value: hour });
}
