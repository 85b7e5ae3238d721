// The statistics' data shaping on a fixed clock (2026-03-10 09:00 local, day starts at 04:00).
import { describe, expect, it } from 'vitest';
import {
	bucketDays,
	cardCounts,
	futureDue,
	ratio,
	reviewCalendar,
	streaks,
	timeSpent,
	trueRetention,
	type StatsCard,
	type StatsReview
} from '$lib/domain/stats';
import { NOW } from '../helpers';

const HOUR = 4;

/** A moment `days` days from NOW (negative = past) at local `hour`. */
function at(days: number, hour = 12): Date {
	const date = new Date(NOW);
	date.setDate(date.getDate() + days);
	date.setHours(hour, 0, 0, 0);
	return date;
}

function review(days: number, extra: Partial<StatsReview> = {}): StatsReview {
	return { review: at(days), rating: 3, state: 2, scheduled_days: 5, duration: 6000, ...extra };
}

function card(extra: Partial<StatsCard>): StatsCard {
	return { due: NOW, queue: 'review', state: 2, scheduled_days: 5, stability: 5, ...extra };
}

describe('reviewCalendar', () => {
	it('lays out 53 weeks ending today and counts reviews per study day', () => {
		// 02:00 on day 0 belongs to the previous study day (the day starts at 04:00).
		const reviews = [review(0), review(0), review(-1), { review: at(0, 2) }, review(-400)];
		const calendar = reviewCalendar(reviews, NOW, HOUR);
		const weekday = new Date(2026, 2, 10).getDay();
		expect(calendar.cells).toHaveLength(52 * 7 + weekday + 1);
		const last = calendar.cells.at(-1)!;
		expect(last.count).toBe(2);
		expect(last.weekday).toBe(weekday);
		expect(last.week).toBe(52);
		expect(calendar.cells.at(-2)!.count).toBe(2);
		expect(calendar.activeDays).toBe(2);
		expect(calendar.total).toBe(4);
		expect(calendar.max).toBe(2);
		expect(last.level).toBe(4);
		expect(calendar.cells[0]!.weekday).toBe(0);
	});

	it('gives level 0 to empty days and scales the others by the busiest day', () => {
		const reviews = [...Array.from({ length: 8 }, () => review(0)), review(-2)];
		const calendar = reviewCalendar(reviews, NOW, HOUR);
		expect(calendar.cells.at(-1)!.level).toBe(4);
		expect(calendar.cells.at(-3)!.level).toBe(1);
		expect(calendar.cells.at(-2)!.level).toBe(0);
	});
});

describe('streaks', () => {
	it('counts the current run up to today and the longest run', () => {
		const days = [0, -1, -2, -10, -11, -12, -13, -20];
		const result = streaks(
			days.map((d) => review(d)),
			NOW,
			HOUR
		);
		expect(result).toEqual({ current: 3, longest: 4, studiedToday: true });
	});

	it('keeps the streak alive until the end of today', () => {
		expect(streaks([review(-1), review(-2)], NOW, HOUR)).toEqual({
			current: 2,
			longest: 2,
			studiedToday: false
		});
		expect(streaks([review(-2)], NOW, HOUR).current).toBe(0);
		expect(streaks([], NOW, HOUR)).toEqual({ current: 0, longest: 0, studiedToday: false });
	});
});

describe('futureDue', () => {
	const cards = [
		card({ due: at(-5) }),
		card({ due: at(0, 20), queue: 'learning' }),
		card({ due: at(1) }),
		card({ due: at(1, 3) }),
		card({ due: at(29) }),
		card({ due: at(30) }),
		card({ due: at(2), queue: 'new' }),
		card({ due: at(2), queue: 'suspended' })
	];

	it('counts overdue cards today and splits learning from review', () => {
		const days = futureDue(cards, NOW, HOUR, 30);
		expect(days).toHaveLength(30);
		expect(days[0]).toEqual({ start: 0, learning: 1, review: 2 });
		expect(days[1]).toEqual({ start: 1, learning: 0, review: 1 });
		expect(days[29]!.review).toBe(1);
		const total = days.reduce((n, d) => n + d.learning + d.review, 0);
		expect(total).toBe(5);
	});

	it('groups into weeks for a year', () => {
		const weeks = futureDue(cards, NOW, HOUR, 365, 7);
		expect(weeks).toHaveLength(53);
		expect(weeks[0]).toEqual({ start: 0, learning: 1, review: 3 });
		expect(weeks[4]!.review).toBe(2);
	});
});

describe('cardCounts', () => {
	it('sorts cards into new, learning, young, mature, suspended and buried', () => {
		const counts = cardCounts([
			card({ queue: 'new', state: 0 }),
			card({ queue: 'learning', state: 1 }),
			card({ queue: 'learning', state: 3 }),
			card({ scheduled_days: 20 }),
			card({ scheduled_days: 21 }),
			card({ queue: 'suspended' }),
			card({ queue: 'buried' })
		]);
		expect(counts).toEqual({ new: 1, learning: 2, young: 1, mature: 1, suspended: 1, buried: 1 });
	});
});

describe('bucketDays', () => {
	it('puts each value in exactly one range', () => {
		const ranges = bucketDays([0.5, 1, 1.5, 3, 7, 14, 30, 60, 120, 300, 500, 5000]);
		expect(ranges.map((r) => r.count)).toEqual([1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
		expect(ranges.reduce((n, r) => n + r.count, 0)).toBe(12);
	});
});

describe('trueRetention', () => {
	it('measures pass rates of review-state answers by maturity and month', () => {
		const reviews = [
			review(0, { rating: 3 }),
			review(-1, { rating: 1 }),
			review(-2, { rating: 4, scheduled_days: 30 }),
			review(-3, { rating: 1, scheduled_days: 30 }),
			review(-3, { rating: 2, scheduled_days: 30 }),
			review(-3, { rating: 1, state: 1 }),
			review(-45, { rating: 3 })
		];
		const periods = trueRetention(reviews, NOW, HOUR, 12, 30);
		expect(periods).toHaveLength(12);
		const last = periods.at(-1)!;
		expect(last.young).toEqual({ passed: 1, total: 2 });
		expect(last.mature).toEqual({ passed: 2, total: 3 });
		expect(ratio(last.mature)).toBeCloseTo(2 / 3);
		expect(periods.at(-2)!.young).toEqual({ passed: 1, total: 1 });
		expect(ratio(periods[0]!.young)).toBeUndefined();
	});
});

describe('timeSpent', () => {
	it('sums minutes per day and caps answers left on screen', () => {
		const reviews = [
			review(0, { duration: 30_000 }),
			review(0, { duration: 30_000 }),
			review(-1, { duration: 10 * 60_000 }),
			review(-40, { duration: 30_000 })
		];
		const result = timeSpent(reviews, NOW, HOUR, 30);
		expect(result.days).toHaveLength(30);
		expect(result.days.at(-1)).toEqual({ offset: 0, minutes: 1, reviews: 2 });
		expect(result.days.at(-2)!.minutes).toBe(1);
		expect(result.totalMinutes).toBe(2);
		expect(result.secondsPerCard).toBe(40);
	});
});
