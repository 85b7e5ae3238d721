/**
 * `npx tsx tests/bench/self-check-cli.ts <file>`: the harness's self-check, run by scripts/bench.js
 * before the build, the collections and the imports start (self-check-run.ts). Writes the result
 * and its seconds to <file>; if the harness is broken, writes the attempts to BENCH_OUT and exits 1
 * (unless BENCH_SELF_CHECK=warn), so nothing is built or measured.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundle } from './browser';
import { benchLog, runCli } from './cli-session';
import { SELF_CHECK_MIN_RATIO } from './page/self-check';
import { reportBrokenHarness, runSelfCheck } from './self-check-run';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const log = benchLog;

async function main(): Promise<void> {
	const file = process.argv[2];
	if (!file) {
		throw new Error('Usage: npx tsx tests/bench/self-check-cli.ts <result file>');
	}
	const started = Date.now();
	log('self-check: 1,000 single-record transactions vs one of 1,000 records');
	const check = await runSelfCheck(await bundle('tests/bench/page/index.ts'), RUNS, log);
	const seconds = (Date.now() - started) / 1000;
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, JSON.stringify({ check, seconds }));
	log(`self-check ratio ${check.ratio.toFixed(1)} × (needs ≥ ${SELF_CHECK_MIN_RATIO} ×)`);
	if (!check.ok && process.env.BENCH_SELF_CHECK !== 'warn') {
		const out = process.env.BENCH_OUT ?? 'bench-results.json';
		console.error(reportBrokenHarness(check, out));
		process.exit(1);
	}
}

runCli(main);
