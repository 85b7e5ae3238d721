/**
 * The import phase alone (not a timed test): `npx tsx tests/bench/import-cli.ts`, for working on
 * an import or its baseline without the rest of the bench. Serves build/ as it is (build it
 * first, as for cold-cli.ts) on BENCH_PORT and runs the bench's import runs (measures/import.ts)
 * in one browser, alternating, for BENCH_IMPORT_NOTES and BENCH_IMPORT_KINDS (csv,apkg),
 * BENCH_IMPORT_RUNS times each (BENCH_SETTLE_IMPORTS=0: without waiting for the storage to settle
 * before each timed part, storage-quiet.ts). Each line: the run's ratio to its raw baseline, its
 * steps, and the CPU the browser's threads used in each step (Linux), which a loaded machine
 * inflates less than the clock. An instrumented build's worker can log its own steps: lines it
 * logs starting `ENGRAM-` are printed (build into ENGRAM_BUILD_DIR, which scripts/serve.js serves).
 */
import { bundle, launchScratch, startServer } from './browser';
import { SEED } from './collections';
import { BASE_PORT, IMPORT_NOTES } from './config';
import { importFixtures } from './import-fixtures';
import { IMPORT_RUNS } from './import-plan';
import { importRun, installWorker } from './measures/import';
import { median, rotate } from './stats';
import { cpuSince, threadCpu, type ThreadCpu } from './thread-cpu';
import { runCli } from './cli-session';

const env = process.env;
const KINDS = (env.BENCH_IMPORT_KINDS ?? 'csv,apkg').split(',');

const log = (message: string) =>
	console.log(`[import ${new Date().toISOString().slice(11, 19)}] ${message}`);

const total = (used: [string, number][]) => used.reduce((sum, [, ms]) => sum + ms, 0);

async function main(): Promise<void> {
	const [probes, toolkit] = await Promise.all([
		bundle('tests/bench/page/probes.ts'),
		bundle('tests/bench/page/index.ts')
	]);
	const fixtures = (await importFixtures(IMPORT_NOTES, SEED)).filter((f) => KINDS.includes(f.kind));
	const server = await startServer(BASE_PORT);
	const { context, dir, close } = await launchScratch();
	const ratios = new Map<string, number[]>(fixtures.map((f) => [f.name, []]));
	try {
		await context.addInitScript({ content: probes });
		// An instrumented build's worker may log its own steps (ENGRAM_BUILD_DIR, scripts/serve.js).
		context.on('console', (message) => {
			if (message.text().startsWith('ENGRAM-')) {
				log(message.text());
			}
		});
		await installWorker(context, server.origin);
		for (let run = 0; run < IMPORT_RUNS; run += 1) {
			for (const fixture of rotate(fixtures, run)) {
				let before: ThreadCpu = threadCpu(dir);
				const cpu: string[] = [];
				const onStep = (name: string) => {
					const now = threadCpu(dir);
					const used = cpuSince(before, now, Infinity);
					before = now;
					const top = used.slice(0, 3).map(([k, ms]) => `${k} ${ms}`);
					cpu.push(`${name} ${total(used)} (${top.join(', ')})`);
				};
				const { run: done } = await importRun(context, server.origin, fixture, toolkit, {
					profileDir: env.BENCH_SETTLE_IMPORTS === '0' ? undefined : dir,
					onStep
				});
				const ratio = done.importMs / done.baselineMs;
				ratios.get(fixture.name)!.push(ratio);
				log(
					`${fixture.name} run ${run + 1}: ${ratio.toFixed(2)} × (import ${done.importMs.toFixed(0)} ms, baseline ${done.baselineMs.toFixed(0)} ms, ${done.records} records); steps ${JSON.stringify(done.steps)} s; CPU ms: ${cpu.join('; ')}`
				);
			}
		}
	} finally {
		await close();
		server.stop();
	}
	for (const [name, values] of ratios) {
		log(`${name}: median ${median(values).toFixed(2)} × over ${values.length} runs`);
	}
}

runCli(main);
