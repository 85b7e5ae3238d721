/**
 * The daily snapshot is taken on app start (after a while, when idle), after 100 review writes,
 * and when the page is hidden; each only when the newest is older than a day, and never while a
 * study session is on screen. A fixed clock drives the planner; the snapshots are real (the
 * backup worker's service, in process, on a real database).
 */
import { describe, expect, it } from 'vitest';
import { listRestorePoints } from '$lib/storage/restore-points';
import { ANSWERS_BETWEEN, SnapshotPlanner, START_DELAY_MS } from '$lib/state/snapshot-planner';
import { backupService } from '$lib/workers/backup-service';
import { NOW, seededDb } from './helpers';

const HOUR = 3_600_000;

/** A page with a clock the test moves, idle callbacks it runs, and a real snapshot service. */
async function page() {
	const { db } = await seededDb(NOW);
	let clock = NOW.getTime();
	let studying = false;
	const idle: { work: () => void; at: number }[] = [];
	const service = backupService(
		() => db,
		() => {}
	);
	let taking = Promise.resolve();
	const planner = new SnapshotPlanner({
		takeIfDue: (now) => {
			taking = service.handle({ type: 'snapshot', now: now.getTime() });
		},
		whenIdle: (work, afterMs = 0) => idle.push({ work, at: clock + afterMs }),
		studying: () => studying,
		now: () => new Date(clock)
	});
	return {
		planner,
		/** Moves the clock and runs the idle callbacks that are due by then. */
		async advance(ms: number) {
			clock += ms;
			for (const due of idle.filter((item) => item.at <= clock)) {
				idle.splice(idle.indexOf(due), 1);
				due.work();
			}
			await taking;
		},
		study(on: boolean) {
			studying = on;
		},
		idleWaiting: () => idle.length,
		snapshots: async () =>
			(await listRestorePoints(db.name)).filter((point) => point.kind === 'daily'),
		at: (ms: number) => NOW.getTime() + ms
	};
}

describe('when the daily snapshot is taken', () => {
	it('on app start, once the app has been open a while and is idle; not again the same day', async () => {
		const app = await page();
		app.planner.started();
		await app.advance(START_DELAY_MS - 1);
		expect(await app.snapshots()).toHaveLength(0);
		await app.advance(1);
		expect((await app.snapshots()).map((p) => p.createdAt)).toEqual([app.at(START_DELAY_MS)]);

		// Started again two hours later: the last is recent, none is taken.
		await app.advance(2 * HOUR);
		app.planner.started();
		await app.advance(START_DELAY_MS);
		expect(await app.snapshots()).toHaveLength(1);
	});

	it(`after ${ANSWERS_BETWEEN} review writes, when one is due`, async () => {
		const app = await page();
		app.planner.hidden();
		await app.advance(0);
		expect(await app.snapshots()).toHaveLength(1);
		await app.advance(21 * HOUR);
		for (let i = 1; i < ANSWERS_BETWEEN; i += 1) {
			app.planner.answered();
		}
		await app.advance(0);
		expect(await app.snapshots()).toHaveLength(1);
		app.planner.answered();
		expect(app.idleWaiting()).toBe(1); // asked for, but only once the page is idle
		expect(await app.snapshots()).toHaveLength(1);
		await app.advance(0);
		const points = await app.snapshots();
		expect(points.map((p) => p.createdAt)).toEqual([app.at(21 * HOUR), app.at(0)]);
	});

	it('never during a study session: held back until the study screen closes', async () => {
		const app = await page();
		app.study(true);
		app.planner.started();
		await app.advance(START_DELAY_MS);
		for (let i = 0; i < ANSWERS_BETWEEN; i += 1) {
			app.planner.answered();
		}
		await app.advance(HOUR);
		expect(await app.snapshots()).toHaveLength(0);
		app.study(false);
		app.planner.studyEnded();
		await app.advance(0);
		expect((await app.snapshots()).map((p) => p.createdAt)).toEqual([
			app.at(START_DELAY_MS + HOUR)
		]);
	});

	it('at once when the page is hidden, even mid-session (nothing waits for a hidden page)', async () => {
		const app = await page();
		app.study(true);
		app.planner.hidden();
		await app.advance(0);
		expect(await app.snapshots()).toHaveLength(1);
		app.planner.hidden();
		await app.advance(0);
		expect(await app.snapshots()).toHaveLength(1);
	});
});
