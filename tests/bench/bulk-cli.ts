/**
 * Bulk edits at the largest size, on their own (not a timed test, not in the default bench run):
 * `npx tsx tests/bench/bulk-cli.ts`. In a copy of the bench's collections (generated first if
 * there are none for these sources), the app's bulk suspend of every card and its undo, against
 * a raw IndexedDB baseline making the same reads and writes in pages of BULK_BASE_PAGE cards,
 * alternating, RUNS times. BULK_PAGES lists the app's page sizes to try (default: the app's own).
 * Prints each run and the median ratio to the baseline of the same run.
 *
 * The collection was written by one restore: one huge transaction, which Chromium writes with an
 * undo log it deletes afterwards, in the background, for a minute or more while the database is
 * open. Measuring during that clean-up measures it, so the database is first held open until its
 * LevelDB log has been quiet for SETTLE_QUIET_S seconds (at most SETTLE_MAX_S).
 */
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { bundle, inPage, launchPersistent, openBlankPage } from './browser';
import { ensureTemplate, WORKING_ROOT } from './collections';
import { ORIGINS, SIZES } from './config';
import type { BulkTimes } from './page/bulk-toolkit';
import { median, medianRatio, rotate } from './stats';
import { runCli } from './cli-session';

const env = process.env;
const RUNS = Number(env.RUNS ?? 3);
const CARDS = Number(env.BULK_CARDS ?? SIZES.at(-1));

const QUIET_S = Number(env.SETTLE_QUIET_S ?? 15);
const MAX_S = Number(env.SETTLE_MAX_S ?? 300);

const log = (message: string) =>
	console.log(`[bulk ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Target {
	name: string;
	call: string;
}

async function main(): Promise<void> {
	const { template } = await ensureTemplate(SIZES, ORIGINS, log);
	const origin = ORIGINS.at(-1)!;
	const working = `${WORKING_ROOT}/bulk-profile-${new URL(origin).port}`;
	rmSync(working, { recursive: true, force: true });
	cpSync(`${template.dir}/profile`, working, { recursive: true });
	const context = await launchPersistent(working);
	try {
		const page = await openBlankPage(
			context,
			origin,
			'/bulk-bench',
			'Engram bulk bench',
			await bundle('tests/bench/page/bulk-toolkit.ts')
		);
		const cards = await inPage<number>(page, `engramBulk.chooseCards(${CARDS})`);
		await inPage(page, 'engramBulk.hold()');
		log(`settled in ${await settle(working, origin)} s`);
		const appPage = await inPage<number>(page, 'engramBulk.appPage');
		const basePage = Number(env.BULK_BASE_PAGE ?? appPage);
		const pageSizes = (env.BULK_PAGES ?? String(appPage)).split(',').map(Number);
		log(`${cards} cards; baseline pages of ${basePage}; app pages of ${pageSizes.join(', ')}`);
		const targets: Target[] = [
			{ name: `raw ${basePage}`, call: `engramBulk.raw(${basePage})` },
			...pageSizes.map((size) => ({ name: `app ${size}`, call: `engramBulk.app(${size})` }))
		];
		const runs = new Map<string, BulkTimes[]>(targets.map((t) => [t.name, []]));
		for (let run = 0; run < RUNS; run++) {
			for (const target of rotate(targets, run)) {
				const times = await inPage<BulkTimes>(page, target.call);
				runs.get(target.name)!.push(times);
				log(`run ${run + 1}: ${target.name}: ${JSON.stringify(times)}`);
			}
		}
		report(runs, targets[0]!.name);
	} finally {
		await context.close();
		rmSync(working, { recursive: true, force: true });
	}
}

/** Waits until the origin's LevelDB log stops growing: Chromium's clean-up is done. */
async function settle(profile: string, origin: string): Promise<number> {
	const dir = `${profile}/Default/IndexedDB`;
	const name = readdirSync(dir).find((file) =>
		file.includes(`_${new URL(origin).port}.indexeddb.leveldb`)
	);
	const logFile = `${dir}/${name}/LOG`;
	const started = Date.now();
	let size = -1;
	let quietSince = Date.now();
	while ((Date.now() - quietSince) / 1000 < QUIET_S && (Date.now() - started) / 1000 < MAX_S) {
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const now = statSync(logFile).size;
		if (now !== size) {
			size = now;
			quietSince = Date.now();
		}
	}
	return Math.round((Date.now() - started) / 1000);
}

function report(runs: Map<string, BulkTimes[]>, baseline: string): void {
	const base = runs.get(baseline)!;
	const rows = [...runs].map(([name, times]) => ({
		name,
		'edit s': (median(times.map((t) => t.editMs)) / 1000).toFixed(1),
		'undo s': (median(times.map((t) => t.undoMs)) / 1000).toFixed(1),
		'edit ×': medianRatio(
			times.map((t) => t.editMs),
			base.map((t) => t.editMs)
		).toFixed(2),
		'undo ×': medianRatio(
			times.map((t) => t.undoMs),
			base.map((t) => t.undoMs)
		).toFixed(2)
	}));
	console.table(rows);
}

runCli(main);
