/** Study preferences read once per page load and shared by every screen. */
import { DEFAULT_DAY_START_HOUR } from '$lib/domain/study-day';
import { getDb } from '$lib/storage/db';
import { getDayStartHour, setDayStartHour } from '$lib/storage/study-settings';

class Preferences {
	dayStartHour = $state(DEFAULT_DAY_START_HOUR);

	async load(): Promise<void> {
		this.dayStartHour = await getDayStartHour(getDb());
	}

	async setDayStartHour(hour: number): Promise<void> {
		await setDayStartHour(getDb(), hour, new Date());
		this.dayStartHour = hour;
	}
}

export const preferences = new Preferences();
