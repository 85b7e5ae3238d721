/**
 * Study sessions alone, with what each thread of the browser used meanwhile (not a timed test):
 * `npx tsx tests/bench/study-cpu-cli.ts`, for working on the grade → next card tail. Serves
 * build/ as it is (build it first, as for cold-cli.ts), opens a copy of the bench's collections
 * and runs the bench's study sessions (BENCH_ANSWERS answers) in the order STUDY_ORDER gives
 * (indexes into BENCH_SIZES, default largest and smallest alternating, 3 each). Each line: the
 * session's grade → paint p50/p95/max and the threads' CPU (Linux).
 */
import { inCollections, runCli, serveSizes } from './cli-session';
import { BASE_PORT, SIZES } from './config';
import { studyRun } from './measures/study';
import { percentile } from './stats';
import { cpuSince, threadCpu } from './thread-cpu';

const env = process.env;
const ANSWERS = Number(env.BENCH_ANSWERS ?? 40);
const last = SIZES.length - 1;
const ORDER = (env.STUDY_ORDER ?? `${last},0,${last},0,${last},0`).split(',').map(Number);

const log = (message: string) =>
	console.log(`[study ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
	const served = await serveSizes();
	// The copy openCollections makes: its processes name it on their command line.
	const profile = `working-profile-${BASE_PORT}`;
	await inCollections(served, log, async (context) => {
		const page = await context.newPage();
		for (const [run, at] of ORDER.entries()) {
			const before = threadCpu(profile);
			const { gradeToPaint } = await studyRun(page, served.origins[at]!, ANSWERS, run);
			const used = cpuSince(before, threadCpu(profile));
			const [p50, p95] = [50, 95].map((p) => percentile(gradeToPaint, p).toFixed(1));
			log(
				`${SIZES[at]} cards: grade → paint p50 ${p50} p95 ${p95} max ${Math.max(...gradeToPaint).toFixed(1)} ms; CPU ms ${used.map(([k, ms]) => `${k} ${ms}`).join(', ')}`
			);
		}
	});
}

runCli(main);
