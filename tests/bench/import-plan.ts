/**
 * How often each import file runs, and how the files split into the two streams that
 * tests/bench/import-all.ts runs side by side.
 */
const env = process.env;
export const IMPORT_RUNS = Number(env.BENCH_IMPORT_RUNS ?? 5);
// One 50k-note .apkg import and its baseline take 1.5–3.5 minutes here (sql.js reading the
// revlog rows, then writing them twice): one run above 10k notes by default, said so in the
// table and the README (BENCH_LARGE_IMPORT_RUNS=5 for the five).
export const LARGE_IMPORT_RUNS = Number(env.BENCH_LARGE_IMPORT_RUNS ?? 1);
export const LARGE_IMPORT_NOTES = 10_000;

export const importRunsFor = (notes: number): number =>
	notes > LARGE_IMPORT_NOTES ? LARGE_IMPORT_RUNS : IMPORT_RUNS;

/**
 * The files' sizes as streams: those up to 10k notes (run five times) and the larger ones (run
 * once), in the order given; none empty. Either stream alone takes about half the phase.
 */
export function importStreams(notes: readonly number[]): number[][] {
	const small = notes.filter((n) => n <= LARGE_IMPORT_NOTES);
	const large = notes.filter((n) => n > LARGE_IMPORT_NOTES);
	return [small, large].filter((stream) => stream.length > 0);
}
