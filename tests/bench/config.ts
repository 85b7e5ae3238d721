/**
 * The bench's options, read from the environment (README "Performance" lists them): shared by
 * tests/bench/prepare.ts (collections and files, made while the app builds) and main.ts.
 */
const env = process.env;

export const SIZES = (env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
export const BASE_PORT = Number(env.BENCH_PORT ?? 4207);
/** One origin (hence one `engram` database) per collection size. */
export const ORIGINS = SIZES.map((_, i) => `http://localhost:${BASE_PORT + i}`);
/**
 * Where the single-phase CLIs' servers listen (BENCH_SERVE_PORT, default BENCH_PORT): Chromium
 * maps each origin's port to it (browser.ts), so a CLI can open the collections cached for
 * another run's BENCH_PORT (the records live per origin) while that run uses those ports.
 */
export const SERVE_PORT = Number(env.BENCH_SERVE_PORT ?? BASE_PORT);
export const IMPORT_NOTES = (env.BENCH_IMPORT_NOTES ?? '10000,50000').split(',').map(Number);
