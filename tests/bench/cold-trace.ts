/**
 * Traces the cold starts (not a timed test): like cold-timeline.ts, but each page is recorded by
 * a Chromium trace of every process (CDP Tracing on the page's session), with the browser-side
 * categories (IndexedDB, CacheStorage, ServiceWorker, every thread's tasks). BENCH_TRACE_DIR: where
 * the traces go, one JSON file per page (open them in Perfetto). Per page it prints the events a
 * cold start waits on, in ms from the trace's start (the page opens a few ms after), each with its
 * wall time and its thread's CPU time: a wall far above the CPU is a wait (another process, a
 * core), not work.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { inPage } from './browser';
import { inCollections, runCli, serveSizes } from './cli-session';
import { SIZES } from './config';
import { untilLevelDbClosed } from './leveldb-closed';
import { coldTargets, studiedBeforeAll } from './measures/cold-start';
import { BENCH_DECK_ID, BLANK_PATH } from './page/constants';

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const DIR = process.env.BENCH_TRACE_DIR ?? 'tests/.results/cold-traces';
const CATEGORIES = [
	'toplevel',
	'IndexedDB',
	'CacheStorage',
	'ServiceWorker',
	'navigation',
	'loading',
	'blink',
	'v8.execute',
	'devtools.timeline',
	'disabled-by-default-devtools.timeline',
	'mojom',
	'leveldb',
	'disabled-by-default-lifecycles'
];

interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	dur?: number;
	tdur?: number;
}

/** The events a cold start waits on: the IndexedDB open and reads, modules, the first layouts. */
const WAITS =
	/^(IDBFactory::openRequestSetup|BucketContext::Open|IDBOpenDBRequest::onSuccess\(database\)|IDBRequest::SendResult|Transaction::DoPendingCommit|IDBTransaction::onComplete|v8\.evaluateModule|Layout|FontDataService::MatchFamilyName)$/;

function summary(events: TraceEvent[]): string {
	const start = Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
	const ms = (us: number) => Math.round(us / 100) / 10;
	return events
		.filter((e) => e.ph === 'X' && WAITS.test(e.name))
		.sort((a, b) => a.ts - b.ts)
		.map((e) => `${ms(e.ts - start)} ${e.name} ${ms(e.dur ?? 0)}/${ms(e.tdur ?? 0)}`)
		.join('\n');
}

async function main(): Promise<void> {
	mkdirSync(DIR, { recursive: true });
	const served = await serveSizes();
	await inCollections(served, console.log, async (context, profile) => {
		const all = coldTargets(SIZES, served.origins);
		await studiedBeforeAll(context, all);
		await context.setOffline(true);
		for (let run = 0; run < RUNS; run += 1) {
			for (const target of all) {
				await untilLevelDbClosed(profile, target.origin);
				const page = await context.newPage();
				const cdp = await context.newCDPSession(page);
				const events: TraceEvent[] = [];
				cdp.on('Tracing.dataCollected', ({ value }) =>
					events.push(...(value as unknown as TraceEvent[]))
				);
				const ended = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
				await cdp.send('Tracing.start', {
					transferMode: 'ReportEvents',
					traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }
				});
				const path = target.target === 'blank' ? BLANK_PATH : `/study/${BENCH_DECK_ID}`;
				await page.goto(`${target.origin}${path}`, { waitUntil: 'commit' });
				const probe = target.target === 'blank' ? 'blank' : 'firstCard';
				await inPage(page, `engramProbes.until('${probe}', 0, 60000)`);
				const at = await inPage(
					page,
					`({ firstCard: engramProbes.firstCardAt, appCard: engramProbes.appCardAt, blank: engramProbes.blankAt, timeOrigin: performance.timeOrigin })`
				);
				await cdp.send('Tracing.end');
				await ended;
				await page.close();
				const file = `${DIR}/${run}-${target.name}.json`;
				writeFileSync(file, JSON.stringify({ at, traceEvents: events }));
				console.log(`\n== ${file}: ${JSON.stringify(at)}\n${summary(events)}`);
			}
		}
		await context.setOffline(false);
	});
}

runCli(main);
