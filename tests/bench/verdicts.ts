/**
 * Turns the raw runs into the table: per-run figures, their medians over the alternating runs, and
 * ratios whose two sides always come from the same run.
 */
import type { BundleReport } from './measures/bundle';
import { COLD_STEPS, type ColdRun, type ColdStep } from './measures/cold-start';
import type { SnapshotCheck } from './export-phase';
import { describeBaseline, type RestoreBaseline } from './restore-baseline';
import type { ExportRun } from './measures/export';
import type { ImportRun, ImportTrace } from './measures/import';
import type { StudyRun } from './measures/study';
import type { CollectionCounts } from './page/generate';
import type { SelfCheckRun } from './page/self-check';
import { kib, mib, ms, type Row } from './report';
import { median, medianRatio, percentile } from './stats';

export interface Results {
	sizes: number[];
	selfCheck: { runs: SelfCheckRun[]; ratio: number; ok: boolean; attempts: SelfCheckRun[][] };
	bundle: BundleReport;
	collections: CollectionCounts[];
	study: StudyRun[][];
	cold: Record<string, ColdRun[]>;
	imports?: Record<string, ImportRun[]>;
	/** The extra traced import of each file up to 10k notes (not in the medians). */
	importTraces?: ImportTrace[];
	exports?: {
		cards: number;
		runs: Record<string, ExportRun[]>;
		/** The restore the backup is compared with, or why it was restored again (restore-baseline.ts). */
		restoreBaseline?: RestoreBaseline;
		/** Whether the app took its daily snapshot while the exports ran (export-phase.ts). */
		dailySnapshots?: SnapshotCheck;
	};
	notMeasured?: { measure: string; budget: string; why: string }[];
	optimiser?: unknown;
}

const FIRST_SCREEN_BUDGET = 80 * 1024;
const label = (size: number) => `${size.toLocaleString('en')} cards`;

/** Per-run statistic at each size: perRun[sizeIndex][run]. */
function perRun(study: StudyRun[][], pick: (run: StudyRun) => number): number[][] {
	return study.map((runs) => runs.map(pick));
}

function ratioRows(
	measure: string,
	sizes: number[],
	values: number[][],
	format: (value: number) => string,
	budget: { ratio: number; absolute?: number; text: string } | undefined
): Row[] {
	const base = values[0]!;
	return sizes.map((size, i) => {
		const figure = median(values[i]!);
		const ratio = i === 0 ? undefined : medianRatio(values[i]!, base);
		const largest = i === sizes.length - 1 && i > 0;
		const pass =
			largest && budget
				? ratio! <= budget.ratio && (budget.absolute === undefined || figure <= budget.absolute)
				: undefined;
		return {
			measure: `${measure}, ${label(size)}`,
			figure: format(figure),
			baseline: i === 0 ? '–' : `${format(median(base))} at ${label(sizes[0]!)}`,
			ratio,
			budget: largest && budget ? budget.text : '–',
			pass
		};
	});
}

/** p95 over all answers at a size (5 runs × 40 answers = 200): one run's 40 are too few for it. */
function pooledP95Rows(sizes: number[], study: StudyRun[][]): Row[] {
	const pooled = study.map((runs) =>
		percentile(
			runs.flatMap((run) => run.gradeToPaint),
			95
		)
	);
	return sizes.map((size, i) => {
		const largest = i === sizes.length - 1 && i > 0;
		return {
			measure: `Grade → next card painted p95 (all ${study[i]!.flatMap((r) => r.gradeToPaint).length} answers), ${label(size)}`,
			figure: ms(pooled[i]!),
			baseline: i === 0 ? '–' : `${ms(pooled[0]!)} at ${label(sizes[0]!)}`,
			ratio: i === 0 ? undefined : pooled[i]! / pooled[0]!,
			budget: largest ? '≤ 50 ms' : '–',
			pass: largest ? pooled[i]! <= 50 : undefined
		};
	});
}

function studyRows(results: Results): Row[] {
	const { sizes, study } = results;
	const p = (q: number, key: 'gradeToPaint' | 'nextCardQuery' | 'answerWrite' | 'cardView') =>
		perRun(study, (run) => percentile(run[key], q));
	return [
		...ratioRows('Grade → next card painted p50', sizes, p(50, 'gradeToPaint'), ms, {
			ratio: 1.25,
			absolute: 16,
			text: '≤ 16 ms and ≤ 1.25 × 1k'
		}),
		...pooledP95Rows(sizes, study),
		...ratioRows('Next-card query (nextCard) p50', sizes, p(50, 'nextCardQuery'), ms, {
			ratio: 2,
			text: '≤ 2 × 1k'
		}),
		...ratioRows('  of which: answer write p50', sizes, p(50, 'answerWrite'), ms, undefined),
		...ratioRows('  of which: card view load p50', sizes, p(50, 'cardView'), ms, undefined),
		...ratioRows(
			'JS heap after a study session (after GC)',
			sizes,
			perRun(study, (run) => run.heapAfterGc),
			mib,
			{ ratio: 1.5, text: '≤ 1.5 × 1k' }
		)
	];
}

/**
 * When each opening step ended (ms from navigation start), at each size: where a cold start's
 * time goes. A step no run recorded (an older build) has no row.
 */
function coldStepRows(sizes: number[], cold: Record<string, ColdRun[]>): Row[] {
	return (Object.keys(COLD_STEPS) as ColdStep[]).flatMap((step) => {
		const values = sizes.map((size) =>
			(cold[String(size)] ?? []).map((run) => run.steps?.[step] ?? Number.NaN)
		);
		if (values.flat().every((value) => Number.isNaN(value))) {
			return [];
		}
		return ratioRows(`  of which: ${COLD_STEPS[step]}`, sizes, values, ms, undefined);
	});
}

/** The cold start rows; main.ts and cold-cli.ts (which measures only this) share them. */
export function coldRows(results: Pick<Results, 'sizes' | 'cold'>): Row[] {
	const { sizes, cold } = results;
	const pick = (name: string, key: 'total' | 'appCard' | 'fcp' | 'queryStart') =>
		(cold[name] ?? []).map((run) => run[key] ?? Number.NaN);
	const blank = pick('blank', 'total');
	const perSize = sizes.map((size) => pick(String(size), 'total'));
	const rows = [
		...ratioRows('Cold start to first card (offline)', sizes, perSize, ms, {
			ratio: 1.2,
			text: '≤ 1.2 × 1k'
		}),
		...ratioRows(
			'  of which: the app’s own card painted (Show answer usable)',
			sizes,
			sizes.map((size) => pick(String(size), 'appCard')),
			ms,
			undefined
		),
		...ratioRows(
			'  of which: app shell painted (FCP)',
			sizes,
			sizes.map((size) => pick(String(size), 'fcp')),
			ms,
			undefined
		),
		...ratioRows(
			'  of which: app booted, first queue query starts',
			sizes,
			sizes.map((size) => pick(String(size), 'queryStart')),
			ms,
			undefined
		),
		...coldStepRows(sizes, cold)
	];
	const largest = perSize.at(-1) ?? [];
	const vsBlank = medianRatio(largest, blank);
	rows.push({
		measure: `Cold start, ${label(sizes.at(-1)!)} vs blank page`,
		figure: ms(median(largest)),
		baseline: `${ms(median(blank))} blank page opening the database`,
		ratio: vsBlank,
		budget: '≤ 1.5 × blank',
		pass: vsBlank <= 1.5
	});
	return rows;
}

export function importRows(
	imports: Record<string, ImportRun[]> | undefined,
	traces: ImportTrace[] = []
): Row[] {
	if (!imports) {
		return [];
	}
	const rows: Row[] = Object.entries(imports).map(([name, runs]) => {
		const limit = name.endsWith('.csv') ? 1.5 : 2;
		const ratio = medianRatio(
			runs.map((run) => run.importMs),
			runs.map((run) => run.baselineMs)
		);
		return {
			measure: `Import ${name} (${runs.length} runs)`,
			figure: ms(median(runs.map((run) => run.importMs))),
			baseline: `${ms(median(runs.map((run) => run.baselineMs)))} raw IndexedDB, ${runs[0]?.records ?? 0} records`,
			ratio,
			budget: `≤ ${limit} × raw`,
			pass: ratio <= limit
		};
	});
	// A traced import is one of the runs (its first, measures/import.ts).
	const all = Object.values(imports).flat();
	const longest = Math.max(0, ...all.map((r) => r.longestTaskMs));
	const cpu = Math.max(0, ...traces.map((r) => r.mainThread.longestCpuMs));
	const wall = Math.max(0, ...traces.map((r) => r.mainThread.longestWallMs));
	rows.push(
		traces.length > 0
			? {
					measure:
						'Longest main-thread task during the traced imports (the first run of each ≤ 10k-note file), CPU time',
					figure: ms(cpu),
					baseline: `wall time ${ms(wall)}; Long Tasks API over every import ${longest > 0 ? ms(longest) : 'none over 50 ms'}`,
					budget: '≤ 100 ms',
					pass: cpu <= 100
				}
			: {
					measure: 'Longest main-thread task during any import',
					figure: longest > 0 ? ms(longest) : 'none over 50 ms',
					baseline: '–',
					budget: '≤ 100 ms',
					pass: longest <= 100
				}
	);
	return rows;
}

const EXPORT_NAMES: Record<string, { name: string; importedBy: string }> = {
	backup: { name: 'Full backup (backup worker)', importedBy: 'restoring it (replace)' },
	'deck-json': {
		name: 'Deck export, Engram JSON (export worker, streamed)',
		importedBy: 'importing the file'
	}
};

/**
 * The import each export is compared with, run by run: its own file imported (restored, for the
 * backup); else the same run's restore of the backup, which holds the same records; else the
 * restore that made the collection (restore-baseline.ts, which says from which run).
 */
export function importTimes(exports: NonNullable<Results['exports']>, runs: ExportRun[]) {
	const restores = exports.runs.backup ?? [];
	const chosen = exports.restoreBaseline;
	const made = chosen && chosen.use !== 'measure' ? chosen.ms : undefined;
	const restoreAt = (i: number) => restores[i]?.importMs ?? made ?? Number.NaN;
	if (runs.every((run) => run.importMs !== undefined)) {
		return { times: runs.map((run) => run.importMs!), importedBy: undefined };
	}
	const byGeneration = made !== undefined && restores.every((run) => run.importMs === undefined);
	return {
		times: runs.map((run, i) => run.importMs ?? restoreAt(i)),
		importedBy: byGeneration
			? `restoring the same cards (${describeBaseline(chosen!)})`
			: 'restoring the backup of the same cards'
	};
}

/** Each export against an import of the same data, and its heap peak against the study session's. */
function exportRows(results: Results): Row[] {
	if (!results.exports) {
		return [];
	}
	const { cards, runs: byKind } = results.exports;
	const at = Math.max(0, results.sizes.indexOf(cards));
	const studyHeld = median((results.study[at] ?? []).map((run) => run.heapAfterGc));
	const studyLive = median((results.study[at] ?? []).map((run) => run.heapLive));
	return Object.entries(byKind).flatMap(([kind, runs]) => {
		const names = EXPORT_NAMES[kind] ?? { name: kind, importedBy: 'importing it' };
		const imports = importTimes(results.exports!, runs);
		const ratio = medianRatio(
			runs.map((run) => run.exportMs),
			imports.times
		);
		const held = median(runs.map((run) => run.heapHeldPeak));
		const heldPage = median(runs.map((run) => run.heapHeldPage));
		const live = median(runs.map((run) => run.heapPeak));
		return [
			{
				measure: `${names.name}, ${label(cards)} (${runs.length} runs, ${mib(median(runs.map((r) => r.bytes)))} file)`,
				figure: ms(median(runs.map((run) => run.exportMs))),
				baseline: `${ms(median(imports.times))} ${imports.importedBy ?? names.importedBy}`,
				ratio,
				budget: '≤ 1.5 × import',
				pass: ratio <= 1.5
			},
			{
				measure: `  JS heap held during it (page + worker, after GC), ${label(cards)}`,
				figure: `${mib(held)} (page ${mib(heldPage)})`,
				baseline: `${mib(studyHeld)} study session (after GC)`,
				ratio: held / studyHeld,
				budget: '≤ 2 × study heap',
				pass: held <= 2 * studyHeld
			},
			{
				measure: `  JS heap peak during it (page + worker, garbage included), ${label(cards)}`,
				figure: mib(live),
				baseline: `${mib(studyLive)} study session (live heap at its end)`,
				ratio: live / studyLive,
				budget: '–'
			}
		];
	});
}

export function bundleRows(bundle: BundleReport): Row[] {
	const heavy = bundle.heavyOnFirstScreen;
	return [
		{
			measure: `First screen JS+CSS, returning visit (${bundle.firstScreen.files.length} files, gzip -9)`,
			figure: kib(bundle.firstScreen.gzipBytes),
			baseline: `${kib(bundle.firstScreen.rawBytes)} raw`,
			budget: '≤ 80 KiB',
			pass: bundle.firstScreen.gzipBytes <= FIRST_SCREEN_BUDGET
		},
		{
			measure: `First screen JS+CSS, first visit with the bundled deck's seeding (${bundle.firstVisit.files.length} files)`,
			figure: kib(bundle.firstVisit.gzipBytes),
			baseline: `${kib(bundle.firstVisit.rawBytes)} raw`,
			budget: '≤ 80 KiB',
			pass: bundle.firstVisit.gzipBytes <= FIRST_SCREEN_BUDGET
		},
		{
			measure: 'Heavy libraries on the first screen',
			figure: heavy.length === 0 ? 'none' : heavy.join(', '),
			baseline: `lazy: ${bundle.heavyInBuild.join(', ') || 'none in the build yet'}`,
			budget: 'none of sql.js, fflate, fzstd, d3, fsrs-browser',
			pass: heavy.length === 0
		},
		{
			measure: `Precache (${bundle.precache.files} files, gzip -9)`,
			figure: kib(bundle.precache.gzipBytes),
			baseline: `${kib(bundle.precache.rawBytes)} raw`,
			budget: '–'
		}
	];
}

export function buildRows(results: Results): Row[] {
	const check = results.selfCheck;
	return [
		{
			measure: `Harness self-check: 1,000 single-record transactions (attempt ${check.attempts.length} of 5)`,
			figure: ms(median(check.runs.map((r) => r.single))),
			baseline: `${ms(median(check.runs.map((r) => r.batched)))} one 1,000-record transaction`,
			ratio: check.ratio,
			budget: '≥ 10 ×',
			pass: check.ok
		},
		...studyRows(results),
		...coldRows(results),
		...importRows(results.imports, results.importTraces),
		...exportRows(results),
		...bundleRows(results.bundle),
		...(results.notMeasured ?? []).map((item) => ({
			measure: item.measure,
			figure: 'not measured',
			baseline: item.why,
			budget: item.budget
		}))
	];
}
