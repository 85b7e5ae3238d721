/**
 * The export phase alone (not a timed test): `npx tsx tests/bench/export-cli.ts`, for working on
 * the backup's and the deck export's time and heap. Serves build/ as it is (build it first), opens
 * a copy of the bench's collections (generated first if there are none for these sources) and
 * runs the bench's export phase at the largest size: the same options (BENCH_SIZES, BENCH_PORT,
 * BENCH_EXPORT_KINDS, BENCH_EXPORT_RUNS; BENCH_SERVE_PORT to reuse collections cached for another
 * run's ports, BENCH_HEAP_SNAPSHOTS for the worker's heap snapshots: measures/export.ts). No
 * import is timed: each run prints the export's time and its heap figures.
 */
import { writeFileSync } from 'node:fs';
import { bundle } from './browser';
import { benchLog, inCollections, runCli, serveSizes } from './cli-session';
import { SIZES } from './config';
import { EXPORT_CARDS, exportAll } from './export-phase';
import type { ExportRun } from './measures/export';

const OUT = process.env.BENCH_OUT ?? 'bench-export.json';
const MiB = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

function runLine(run: ExportRun): string {
	const worker = run.heapHeldPeak - run.heapHeldPage;
	return (
		`${run.kind}: ${(run.exportMs / 1000).toFixed(1)} s, ${MiB(run.bytes)} MiB file; held ` +
		`${MiB(run.heapHeldPeak)} MiB (page ${MiB(run.heapHeldPage)}, worker ${MiB(worker)}), ` +
		`live peak ${MiB(run.heapPeak)} MiB`
	);
}

async function main(): Promise<void> {
	const served = await serveSizes();
	const at = Math.max(0, SIZES.indexOf(EXPORT_CARDS));
	const toolkit = await bundle('tests/bench/page/export-toolkit.ts');
	await inCollections(served, benchLog, async (context) => {
		// "Restored already": the backup is not restored again (no import is timed here).
		const { runs } = await exportAll(context, served.origins[at]!, toolkit, true, benchLog);
		for (const run of Object.values(runs).flat()) {
			console.log(runLine(run));
		}
		writeFileSync(OUT, JSON.stringify({ cards: SIZES[at], runs }, null, 1));
		benchLog(`wrote ${OUT}`);
	});
}

runCli(main);
