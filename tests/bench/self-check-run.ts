/**
 * The harness's self-check (page/self-check.ts), run before anything is measured, as issue 8 asks:
 * scripts/bench.js runs it first (self-check-cli.ts), on a machine that is not yet building,
 * generating or importing; main.ts reads its result. It writes with the raw IndexedDB API on a
 * page of its own, in a browser on a scratch profile on disk launched as every measure's is.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { inPage, launchScratch, openBlankPage } from './browser';
import { BASE_PORT } from './config';
import { SELF_CHECK_MIN_RATIO, type SelfCheckRun } from './page/self-check';
import { medianRatio } from './stats';

export const SELF_CHECK_ATTEMPTS = 5;
/**
 * The pause before each attempt after the first: a shared machine's load spike slows the short
 * batched write most, and rarely lasts through five attempts with growing pauses between them.
 */
const PAUSES_MS = [0, 5_000, 10_000, 20_000, 30_000];

/** The variable naming the file where scripts/bench.js's self-check leaves its result. */
export const SELF_CHECK_FILE_ENV = 'BENCH_SELF_CHECK_FILE';

export interface SelfCheck {
	/** The attempt that decided (the first that passed, else the last). */
	runs: SelfCheckRun[];
	ratio: number;
	ok: boolean;
	/** Every attempt, in order. */
	attempts: SelfCheckRun[][];
}

/** The median of single-record over batched times across an attempt's rounds. */
export const selfCheckRatio = (runs: SelfCheckRun[]): number =>
	medianRatio(
		runs.map((run) => run.single),
		runs.map((run) => run.batched)
	);

/**
 * Up to SELF_CHECK_ATTEMPTS attempts of `rounds` rounds each, stopping at the first that passes:
 * a broken harness (IndexedDB in memory, a clock that does not move) fails every one.
 */
export async function selfCheckAttempts(
	attempt: () => Promise<SelfCheckRun[]>,
	log: (message: string) => void,
	pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
): Promise<SelfCheck> {
	const attempts: SelfCheckRun[][] = [];
	for (let i = 0; i < SELF_CHECK_ATTEMPTS; i += 1) {
		await pause(PAUSES_MS[i] ?? 0);
		const runs = await attempt();
		attempts.push(runs);
		const ratio = selfCheckRatio(runs);
		if (ratio >= SELF_CHECK_MIN_RATIO) {
			return { runs, ratio, ok: true, attempts };
		}
		log(`self-check attempt ${i + 1}: only ${ratio.toFixed(1)} ×`);
	}
	const runs = attempts.at(-1)!;
	return { runs, ratio: selfCheckRatio(runs), ok: false, attempts };
}

/** The self-check in a scratch browser, on a blank page of the first collection's origin. */
export async function runSelfCheck(
	toolkit: string,
	rounds: number,
	log: (message: string) => void
): Promise<SelfCheck> {
	const scratch = await launchScratch();
	try {
		const origin = `http://localhost:${BASE_PORT}`;
		const page = await openBlankPage(scratch.context, origin, '/self-check', 'self-check', toolkit);
		return await selfCheckAttempts(
			() => inPage<SelfCheckRun[]>(page, `engramBench.selfCheck(${rounds})`),
			log
		);
	} finally {
		await scratch.close();
	}
}

/** What the bench says when the harness fails its check (nothing is measured after it). */
export const harnessBrokenMessage = (check: SelfCheck): string =>
	`The harness is broken: 1,000 single-record transactions were only ${check.ratio.toFixed(1)} × slower than one 1,000-record transaction (expected ≥ ${SELF_CHECK_MIN_RATIO} ×). Nothing measured.`;

/** Writes the failed attempts to `out` (the bench's results file) and says what broke. */
export function reportBrokenHarness(check: SelfCheck, out: string): string {
	writeFileSync(out, JSON.stringify({ harnessBroken: true, selfCheck: check }, null, 1));
	return `${harnessBrokenMessage(check)} The attempts are in ${out}.`;
}

/** The result scripts/bench.js's self-check left (and how long it took), once; else undefined. */
export function takeSelfCheckFile(
	path: string | undefined
): { check: SelfCheck; seconds: number } | undefined {
	if (!path || !existsSync(path)) {
		return undefined;
	}
	const file = JSON.parse(readFileSync(path, 'utf8')) as { check: SelfCheck; seconds: number };
	rmSync(path, { force: true });
	return file;
}
