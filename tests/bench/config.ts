/**
 * The bench's options, read from the environment (README "Performance" lists them): shared by
 * tests/bench/prepare.ts (collections and files, made while the app builds) and main.ts.
 */
const env = process.env;

export const SIZES = (env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
export const BASE_PORT = Number(env.BENCH_PORT ?? 4207);
/** One origin (hence one `engram` database) per collection size. */
export const ORIGINS = SIZES.map((_, i) => `http://localhost:${BASE_PORT + i}`);
export const IMPORT_NOTES = (env.BENCH_IMPORT_NOTES ?? '10000,50000').split(',').map(Number);
