/**
 * The study day starts at a configurable local hour (default 4 am, as in Anki), so a late-night
 * session still counts as "today". Computed with local calendar arithmetic, so DST is respected.
 */
export const DEFAULT_DAY_START_HOUR = 4;

export interface StudyDay {
	start: Date;
	end: Date;
}

export function studyDay(now: Date, startHour = DEFAULT_DAY_START_HOUR): StudyDay {
	const start = new Date(now);
	start.setHours(startHour, 0, 0, 0);
	if (start.getTime() > now.getTime()) {
		start.setDate(start.getDate() - 1);
		start.setHours(startHour, 0, 0, 0);
	}
	const end = new Date(start);
	end.setDate(end.getDate() + 1);
	end.setHours(startHour, 0, 0, 0);
	return { start, end };
}
