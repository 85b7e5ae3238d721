/**
 * The cold start's timeline, for finding where it waits (not a timed test, and not the bench's
 * figures: the recording below costs a little): `npx tsx tests/bench/cold-timeline.ts` runs the
 * cold starts of cold-cli.ts (same options; build first) with one more init script that records
 * when each `indexedDB.open` was asked for and answered, and prints, per run, the navigation and
 * every script's arrival (and whether the worker's static route or its fetch handler answered)
 * beside the app's User Timing measures and marks (the blank page opens the database before
 * the recording is installed: its open is not listed). BENCH_OUT: the runs as JSON.
 */
import { writeFileSync } from 'node:fs';
import { inPage } from './browser';
import { inCollections, runCli, serveSizes } from './cli-session';
import { SIZES } from './config';
import { untilLevelDbClosed } from './leveldb-closed';
import { coldTargets, studiedBefore } from './measures/cold-start';
import { BENCH_DECK_ID, BLANK_PATH } from './page/constants';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OUT = process.env.BENCH_OUT ?? 'bench-cold-timeline.json';

/** Wraps indexedDB.open: [version asked, called at, succeeded at, upgrade?] per open. */
const RECORD_OPENS = `(() => {
	const opens = (globalThis.__opens = []);
	const open = IDBFactory.prototype.open;
	IDBFactory.prototype.open = function (name, version) {
		const entry = [String(version ?? '-'), performance.now(), undefined, false];
		opens.push(entry);
		const request = open.call(this, name, version);
		request.addEventListener('success', () => (entry[2] = performance.now()));
		request.addEventListener('upgradeneeded', () => (entry[3] = true));
		return request;
	};
})();`;

const READ_TIMELINE = `(() => {
	const r = (x) => (x === undefined ? undefined : Math.round(x));
	const nav = performance.getEntriesByType('navigation')[0];
	const at = {
		'nav workerStart': r(nav.workerStart),
		'nav responseEnd': r(nav.responseEnd),
		domInteractive: r(nav.domInteractive),
		domContentLoaded: r(nav.domContentLoadedEventEnd),
		fcp: r(performance.getEntriesByName('first-contentful-paint')[0]?.startTime),
		firstCard: r(engramProbes.firstCardAt),
		blank: r(engramProbes.blankAt)
	};
	const resources = performance.getEntriesByType('resource').map((e) => [
		new URL(e.name).pathname.replace(/^.*\\//, ''), r(e.startTime), r(e.workerStart), r(e.responseEnd), e.workerFinalSourceType
	]);
	const measures = performance.getEntriesByType('measure').map((e) => [e.name, r(e.startTime), r(e.startTime + e.duration)]);
	const opens = globalThis.__opens.map(([v, s, e, u]) => [v, r(s), r(e), u]);
	const marks = performance.getEntriesByType('mark').map((e) => [e.name, r(e.startTime)]);
	return { at, resources, measures, opens, marks };
})()`;

async function main(): Promise<void> {
	const served = await serveSizes();
	await inCollections(served, console.log, async (context, profile) => {
		await context.addInitScript({ content: RECORD_OPENS });
		const runs: unknown[] = [];
		const all = coldTargets(SIZES, served.origins);
		for (const target of all.filter((t) => t.target === 'study')) {
			await studiedBefore(context, target.origin);
		}
		await context.setOffline(true);
		// BENCH_ORDER: the targets of one round by name (e.g. `blank,100000,blank`), BENCH_GAP_MS a
		// pause before each page: whether a page finds the database its predecessor left open.
		const order = process.env.BENCH_ORDER?.split(',');
		const targets = order ? order.map((name) => all.find((t) => t.name === name)!) : all;
		const gap = Number(process.env.BENCH_GAP_MS ?? 0);
		for (let run = 0; run < RUNS; run += 1) {
			for (const target of targets) {
				await new Promise((resolve) => setTimeout(resolve, gap));
				await untilLevelDbClosed(profile, target.origin);
				const page = await context.newPage();
				const path = target.target === 'blank' ? BLANK_PATH : `/study/${BENCH_DECK_ID}`;
				await page.goto(`${target.origin}${path}`, { waitUntil: 'commit' });
				const probe = target.target === 'blank' ? 'blank' : 'firstCard';
				await inPage(page, `engramProbes.until('${probe}', 0, 60000)`);
				const timeline = await inPage(page, READ_TIMELINE);
				await page.close();
				runs.push({ run, name: target.name, timeline });
				console.log(`\n== run ${run} ${target.name}`);
				console.log(JSON.stringify(timeline));
			}
		}
		await context.setOffline(false);
		writeFileSync(OUT, JSON.stringify(runs, null, 1));
	});
}

runCli(main);
