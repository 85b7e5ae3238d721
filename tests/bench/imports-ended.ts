/**
 * scripts/bench.js runs the import phase (import-all.ts) as its own process and starts main.ts as
 * soon as the collections are ready, so the export phase, which needs no quiet machine, runs
 * beside the imports. When the import process ends, bench.js writes its exit code to the file
 * named by BENCH_IMPORTS_EXIT_FILE; main.ts waits for it before the measures that need the
 * machine to itself (self-check, study, cold start).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';

/** The variable that names the file (set by scripts/bench.js). */
export const IMPORTS_EXIT_ENV = 'BENCH_IMPORTS_EXIT_FILE';

/** Waits for the import process's exit code, `{"code": N}` (checked every `everyMs`). */
export async function untilImportsEnded(path: string, everyMs = 1000): Promise<number> {
	while (!existsSync(path)) {
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	const { code } = JSON.parse(readFileSync(path, 'utf8')) as { code: number };
	rmSync(path, { force: true });
	return code;
}
