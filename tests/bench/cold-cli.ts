/**
 * The cold start alone (not a timed test): `npx tsx tests/bench/cold-cli.ts`, for working on the
 * app's start-up. Serves build/ as it is (build it first: `npm run bench` once, or `npx vite build
 * --config tests/bench/vite.bench.config.ts`), opens a copy of the bench's collections (generated
 * first if there are none for these sources) and runs the bench's cold start phase: the same
 * options (BENCH_SIZES, BENCH_RUNS, BENCH_PORT, BENCH_OUT), the same rows, in about a minute
 * instead of the whole bench's ten. BENCH_BUNDLE=1 adds the bench's first screen rows (the
 * budget a start-up change must keep).
 */
import { writeFileSync } from 'node:fs';
import { launchBrowser } from './browser';
import { inCollections, runCli, serveSizes } from './cli-session';
import { SIZES } from './config';
import { measureBundle } from './measures/bundle';
import { coldRuns, coldTargets } from './measures/cold-start';
import { markdownTable } from './report';
import { bundleRows, coldRows } from './verdicts';
import { CHUNK_MODULES_FILE } from './vite.bench.config';

const env = process.env;
const RUNS = Number(env.BENCH_RUNS ?? 5);
const OUT = env.BENCH_OUT ?? 'bench-cold.json';

const log = (message: string) =>
	console.log(`[cold ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
	const served = await serveSizes();
	const { origins } = served;
	// For its version and the first screen's bundle: the cold starts run in the collections'
	// own persistent context.
	const { browser, version } = await launchBrowser();
	const firstScreen =
		env.BENCH_BUNDLE === '1'
			? await measureBundle(browser, origins[0]!, CHUNK_MODULES_FILE)
			: undefined;
	await browser.close();
	await inCollections(served, log, async (context, profile) => {
		log(`cold start, offline: ${RUNS} alternating runs`);
		const cold = await coldRuns(context, profile, coldTargets(SIZES, origins), RUNS);
		const rows = [
			...(firstScreen ? bundleRows(firstScreen) : []),
			...coldRows({ sizes: SIZES, cold })
		];
		console.log(`\n${markdownTable(rows)}\n`);
		writeFileSync(OUT, JSON.stringify({ chromium: version, rows, cold }, null, 1));
		log(`wrote ${OUT}`);
	});
}

runCli(main);
