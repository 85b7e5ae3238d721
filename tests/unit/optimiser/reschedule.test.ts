import { describe, expect, it } from 'vitest';
import { dueLoad } from '$lib/domain/optimiser/reschedule';
import { NOW } from '../helpers';

const at = (day: number, hour: number) => new Date(2026, 2, day, hour);

describe('due load', () => {
	it('counts cards per study day from today, overdue ones today, none past the window', () => {
		// NOW is 10 March 09:00; the study day starts at 4 am.
		const dues = [at(1, 9), at(10, 8), at(11, 3), at(11, 5), at(13, 9), at(9, 23), at(12, 12)];
		expect(dueLoad(dues, NOW, 5)).toEqual([4, 1, 1, 1, 0]);
		expect(dueLoad([at(20, 9)], NOW, 5)).toEqual([0, 0, 0, 0, 0]);
	});
});
