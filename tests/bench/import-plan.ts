/**
 * How often each import file runs, and in what order the import phase's streams take the runs:
 * tests/bench/import-all.ts runs IMPORT_STREAMS browsers side by side, each taking the next run
 * from one shared queue as it finishes the last, so they end within about one short run of each
 * other whatever the files' times on the day.
 */
const env = process.env;
export const IMPORT_RUNS = Number(env.BENCH_IMPORT_RUNS ?? 5);
// One 50k-note .apkg import and its baseline take about 4 minutes here at a load of 10 (4–9 until
// session 19, when the file carried every studied card's history: import-fixtures.ts): one run
// above 10k notes by default, said so in the table and the README (BENCH_LARGE_IMPORT_RUNS=5 for
// the five).
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
 * A run's rough cost, to start the longest first: an .apkg writes each note's cards and some
 * reviews, read through sql.js (10k notes: about 25,700 records against a CSV's 20,133; import
 * and baseline 36–43 s against 18–27 s at a load of 10).
 */
const cost = (file: PlannedFile) => file.notes * (file.kind === 'apkg' ? 2 : 1);

/**
 * Every run of every file, in the order the streams take them, longest first, so the streams end
 * close together (a short run is what one is left with while the other finishes): the files run
 * once (above 10k notes), then the others' runs, each file's runs together. Every run has its
 * own baseline right after it, so which runs neighbour each other moves no ratio.
 */
export function importQueue<F extends PlannedFile>(files: readonly F[]): QueuedRun<F>[] {
	const runsOf = (file: F) =>
		Array.from({ length: importRunsFor(file.notes) }, (_, run) => ({ fixture: file, run }));
	const large = (file: F) => (file.notes > LARGE_IMPORT_NOTES ? 1 : 0);
	const ordered = [...files].sort((a, b) => large(b) - large(a) || cost(b) - cost(a));
	return ordered.flatMap(runsOf);
}

/**
 * A new origin on `origin`'s server for each call: `http://import-<n>.localhost:<port>`. Chromium
 * resolves every `*.localhost` name to the loopback address (and treats it as a secure context,
 * as it does `localhost`), so the server is the same and the origin, hence the IndexedDB, new:
 * each import run starts on an empty collection, with nothing to delete (measures/import.ts).
 */
export function freshOrigins(): (origin: string) => string {
	let made = 0;
	return (origin) => {
		const url = new URL(origin);
		if (url.hostname !== 'localhost') {
			throw new Error(`freshOrigins needs a localhost origin, not ${origin}`);
		}
		made += 1;
		url.hostname = `import-${made}.localhost`;
		return url.origin;
	};
}
