/**
 * The study day starts at 4 am local time. These tests switch the process time zone (Node applies
 * `process.env.TZ` at once), so they check real local-time arithmetic, DST changes included.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRESET } from '$lib/domain/preset';
import { Rating } from '$lib/domain/scheduler';
import { studyDay } from '$lib/domain/study-day';
import { dueCounts, nextCard } from '$lib/storage/queue';
import { emptyDeckDb, makeCard, answerShown } from './helpers';

const HOUR = 3_600_000;
let savedTz: string | undefined;

beforeEach(() => {
	savedTz = process.env.TZ;
});
afterEach(() => {
	process.env.TZ = savedTz;
});

function dayIn(tz: string, nowIso: string, startHour?: number) {
	process.env.TZ = tz;
	const day = studyDay(new Date(nowIso), startHour);
	return {
		start: day.start.toISOString(),
		end: day.end.toISOString(),
		hours: (day.end.getTime() - day.start.getTime()) / HOUR
	};
}

describe('study day boundaries in several time zones', () => {
	it.each([
		// Tokyo, no DST: 03:59 JST belongs to the day before; 04:00 JST starts a new one.
		[
			'Asia/Tokyo',
			'2026-03-10T18:59:00Z',
			'2026-03-09T19:00:00.000Z',
			'2026-03-10T19:00:00.000Z',
			24
		],
		[
			'Asia/Tokyo',
			'2026-03-10T19:00:00Z',
			'2026-03-10T19:00:00.000Z',
			'2026-03-11T19:00:00.000Z',
			24
		],
		// New York, spring forward on 8 March 2026: that study day lasts 23 hours.
		[
			'America/New_York',
			'2026-03-08T07:30:00Z',
			'2026-03-07T09:00:00.000Z',
			'2026-03-08T08:00:00.000Z',
			23
		],
		[
			'America/New_York',
			'2026-03-08T08:00:00Z',
			'2026-03-08T08:00:00.000Z',
			'2026-03-09T08:00:00.000Z',
			24
		],
		// New York, fall back on 1 November 2026: 25 hours.
		[
			'America/New_York',
			'2026-10-31T20:00:00Z',
			'2026-10-31T08:00:00.000Z',
			'2026-11-01T09:00:00.000Z',
			25
		],
		// Berlin, spring forward on 29 March 2026 at 02:00 local.
		[
			'Europe/Berlin',
			'2026-03-29T01:30:00Z',
			'2026-03-28T03:00:00.000Z',
			'2026-03-29T02:00:00.000Z',
			23
		],
		[
			'Europe/Berlin',
			'2026-03-29T12:00:00Z',
			'2026-03-29T02:00:00.000Z',
			'2026-03-30T02:00:00.000Z',
			24
		],
		// Lord Howe Island moves its clocks back by 30 minutes on 5 April 2026: 24.5 hours.
		[
			'Australia/Lord_Howe',
			'2026-04-04T12:00:00Z',
			'2026-04-03T17:00:00.000Z',
			'2026-04-04T17:30:00.000Z',
			24.5
		]
	])('%s at %s', (tz, now, start, end, hours) => {
		expect(dayIn(tz, now)).toEqual({ start, end, hours });
	});

	it('honours another start hour, midnight included', () => {
		expect(dayIn('Europe/Berlin', '2026-03-10T22:30:00Z', 0).start).toBe(
			'2026-03-09T23:00:00.000Z'
		);
		expect(dayIn('Europe/Berlin', '2026-03-10T22:30:00Z', 23).start).toBe(
			'2026-03-10T22:00:00.000Z'
		);
	});
});

describe('daily limits follow the local 4 am boundary', () => {
	it.each(['Asia/Tokyo', 'America/New_York', 'Europe/Berlin'])(
		'%s: a new card answered at 3 am counts for the day before',
		async (tz) => {
			process.env.TZ = tz;
			const late = new Date(2026, 2, 8, 3, 30); // 8 March 2026, the US DST night
			const { db, deckId } = await emptyDeckDb(late);
			await db.presets.put({ ...DEFAULT_PRESET, newPerDay: 1 });
			await db.cards.bulkAdd([makeCard(deckId, 1, {}, late), makeCard(deckId, 2, {}, late)]);
			const first = (await nextCard(db, deckId, late))!;
			await answerShown(db, first.id, Rating.Easy, late);
			expect((await dueCounts(db, deckId, new Date(2026, 2, 8, 3, 59))).new).toBe(0);
			expect((await dueCounts(db, deckId, new Date(2026, 2, 8, 4, 0))).new).toBe(1);
		}
	);
});
