/**
 * (7) The export phase: backup and deck export of the largest collection (100k cards), alternating,
 * in the app's page (measures/export.ts), each against an import of the same data.
 *
 * The exports take ~20 s each here, but restoring a 100k backup takes 1.5–3 minutes and importing
 * the 100k-card JSON 2–3: one run of each by default (BENCH_EXPORT_RUNS=5 for the five).
 * The deck file is compared with the same run's restore of the backup (the faster of the two
 * imports, so the stricter baseline) unless BENCH_DECK_IMPORT=1 also imports the file.
 */
import type { BrowserContext } from '@playwright/test';
import { inPage } from './browser';
import { SIZES } from './config';
import { exportRun, type ExportRun } from './measures/export';
import type { ExportKind } from './page/export-toolkit';
import { rotate } from './stats';

const env = process.env;
export const EXPORT_CARDS = Number(env.BENCH_EXPORT_CARDS ?? SIZES.at(-1));
export const EXPORT_RUNS = Number(env.BENCH_EXPORT_RUNS ?? 1);
export const EXPORT_KINDS = (env.BENCH_EXPORT_KINDS ?? 'backup,deck-json').split(
	','
) as ExportKind[];
const IMPORT_DECK_FILE = env.BENCH_DECK_IMPORT === '1' || !EXPORT_KINDS.includes('backup');

/**
 * The daily snapshots the collection held before and after the exports, and how long their page
 * was open: the app takes one a minute after a page opens when none is due (page/generator.ts
 * keeps today's), so one dated inside the window is a full backup that ran beside the exports.
 */
export interface SnapshotCheck {
	before: number[];
	after: number[];
	pageOpenSeconds: number;
	/** Snapshots taken while the export page was open (none expected). */
	takenDuring: number[];
}

export interface ExportPhase {
	runs: Record<string, ExportRun[]>;
	snapshots: SnapshotCheck;
}

/** Backup and deck export of the collection at `origin`, alternating, in the app's page. */
export async function exportAll(
	context: BrowserContext,
	origin: string,
	toolkit: string,
	restoredAlready: boolean,
	log: (message: string) => void
): Promise<ExportPhase> {
	const page = await context.newPage();
	const runs: Record<string, ExportRun[]> = Object.fromEntries(EXPORT_KINDS.map((k) => [k, []]));
	const opened = Date.now();
	try {
		await page.goto(`${origin}/`);
		await page.getByRole('link', { name: /^Study Bench/ }).waitFor({ timeout: 60_000 });
		await inPage(page, toolkit);
		const before = await inPage<number[]>(page, 'engramExport.dailySnapshots()');
		for (let run = 0; run < EXPORT_RUNS; run += 1) {
			for (const kind of rotate(EXPORT_KINDS, run)) {
				const importToo = kind === 'backup' ? !restoredAlready : IMPORT_DECK_FILE;
				runs[kind]!.push(await exportRun(page, kind, importToo));
				log(`export run ${run + 1}/${EXPORT_RUNS}: ${kind} done`);
			}
		}
		const after = await inPage<number[]>(page, 'engramExport.dailySnapshots()');
		const snapshots = {
			before,
			after,
			pageOpenSeconds: Number(((Date.now() - opened) / 1000).toFixed(1)),
			takenDuring: after.filter((at) => at >= opened)
		};
		log(snapshotLine(snapshots));
		return { runs, snapshots };
	} finally {
		await page.close();
	}
}

const time = (at: number) => new Date(at).toISOString().slice(0, 19);

export function snapshotLine({ before, pageOpenSeconds, takenDuring }: SnapshotCheck): string {
	const kept = before.length > 0 ? `the newest of ${time(Math.max(...before))}` : 'none';
	const taken =
		takenDuring.length === 0
			? 'the app took none'
			: `the app took ${takenDuring.length} (at ${takenDuring.map(time).join(', ')}), beside the exports`;
	return `daily snapshot before the exports: ${kept}; export page open ${pageOpenSeconds} s: ${taken}`;
}
