/**
 * What the cards' indexes cost a bulk edit: `npx tsx tests/bench/index-cost-cli.ts`. In one
 * Chromium profile on disk, INDEX_CARDS cards (default 20,000) are written into two scratch
 * databases, one with schema 11's card indexes and one with schema 12's sparse ones
 * (page/index-cost-toolkit.ts); then, RUNS times (default 5) alternating which goes first, every
 * card is suspended and put back in pages of a bulk edit's size. Prints each run, the median
 * milliseconds per card written and the median ratio of schema 12 to schema 11 in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundle, inPage, launchPersistent, openBlankPage } from './browser';
import { BASE_PORT } from './config';
import type { WriteTimes } from './page/index-cost-toolkit';
import { median, medianRatio, rotate } from './stats';
import { runCli } from './cli-session';

const RUNS = Number(process.env.RUNS ?? 5);
const CARDS = Number(process.env.INDEX_CARDS ?? 20_000);
const log = (message: string) =>
	console.log(`[index-cost ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
	const profile = mkdtempSync(join(tmpdir(), 'engram-index-cost-'));
	const context = await launchPersistent(profile);
	try {
		const origin = `http://localhost:${BASE_PORT}`;
		const page = await openBlankPage(
			context,
			origin,
			'/index-cost',
			'Engram index cost',
			await bundle('tests/bench/page/index-cost-toolkit.ts')
		);
		const cards = await inPage<number>(page, `engramIndexCost.prepare(${CARDS})`);
		log(`${cards} cards in each database`);
		const runs = { old: [] as WriteTimes[], new: [] as WriteTimes[] };
		for (let run = 0; run < RUNS; run++) {
			for (const schema of rotate(['old', 'new'] as const, run)) {
				const times = await inPage<WriteTimes>(page, `engramIndexCost.suspendAll('${schema}')`);
				runs[schema].push(times);
				log(`run ${run + 1}: schema ${schema === 'old' ? 11 : 12}: ${JSON.stringify(times)}`);
			}
		}
		report(runs);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

function report(runs: Record<'old' | 'new', WriteTimes[]>): void {
	const perCard = (times: WriteTimes[], key: 'editMs' | 'undoMs') =>
		median(times.map((t) => t[key] / t.cards)).toFixed(3);
	const ratio = (key: 'editMs' | 'undoMs') =>
		medianRatio(
			runs.new.map((t) => t[key]),
			runs.old.map((t) => t[key])
		).toFixed(2);
	console.table([
		{
			schema: 11,
			'suspend ms/card': perCard(runs.old, 'editMs'),
			'put back ms/card': perCard(runs.old, 'undoMs')
		},
		{
			schema: 12,
			'suspend ms/card': perCard(runs.new, 'editMs'),
			'put back ms/card': perCard(runs.new, 'undoMs')
		},
		{ schema: '12 ÷ 11', 'suspend ms/card': ratio('editMs'), 'put back ms/card': ratio('undoMs') }
	]);
}

runCli(main);
