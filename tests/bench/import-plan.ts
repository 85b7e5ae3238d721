/**
 * How often each import file runs, and in what order the import phase's streams take the runs:
 * tests/bench/import-all.ts runs IMPORT_STREAMS browsers side by side, each taking the next run
 * from one shared queue as it finishes the last, so they end within about one short run of each
 * other whatever the files' times on the day.
 */
import { rotate } from './stats';

const env = process.env;
export const IMPORT_RUNS = Number(env.BENCH_IMPORT_RUNS ?? 5);
// One 50k-note .apkg import and its baseline take 1.5–6 minutes here (sql.js reading the
// revlog rows, then writing them twice): one run above 10k notes by default, said so in the
// table and the README (BENCH_LARGE_IMPORT_RUNS=5 for the five).
export const LARGE_IMPORT_RUNS = Number(env.BENCH_LARGE_IMPORT_RUNS ?? 1);
export const LARGE_IMPORT_NOTES = 10_000;
/** Browsers importing side by side: the machine's two cores (the browser's IndexedDB thread). */
export const IMPORT_STREAMS = Number(env.BENCH_IMPORT_STREAMS ?? 2);

export const importRunsFor = (notes: number): number =>
	notes > LARGE_IMPORT_NOTES ? LARGE_IMPORT_RUNS : IMPORT_RUNS;

export interface PlannedFile {
	notes: number;
	kind: string;
}

export interface QueuedRun<F extends PlannedFile> {
	fixture: F;
	/** The file's run number, from 0. */
	run: number;
}

/**
 * A run's rough cost, to start the longest first: an .apkg writes each note's card and reviews
 * (10k notes: 45,704 records against a CSV's 20,133; import and baseline 60–70 s against 25–30 s).
 */
const cost = (file: PlannedFile) => file.notes * (file.kind === 'apkg' ? 2 : 1);

/**
 * Every run of every file, in the order the streams take them: the files run once (above 10k
 * notes) first, longest first, so no stream starts a long run near the end; then the others' runs
 * alternating as before (run 1 of each file, then run 2 rotated, …).
 */
export function importQueue<F extends PlannedFile>(files: readonly F[]): QueuedRun<F>[] {
	const large = files
		.filter((file) => file.notes > LARGE_IMPORT_NOTES)
		.sort((a, b) => cost(b) - cost(a));
	const small = files.filter((file) => file.notes <= LARGE_IMPORT_NOTES);
	const runsOf = (file: F) =>
		Array.from({ length: importRunsFor(file.notes) }, (_, run) => ({ fixture: file, run }));
	const rounds = Array.from({ length: IMPORT_RUNS }, (_, run) =>
		rotate(small, run).map((fixture) => ({ fixture, run }))
	);
	return [...large.flatMap(runsOf), ...rounds.flat()];
}
