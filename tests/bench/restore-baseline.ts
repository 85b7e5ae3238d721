/**
 * The import the backup export of the largest collection is compared with (export-phase.ts).
 * Restoring 100k cards takes 1.5–8 minutes here, and the collection was itself written by
 * exactly that import: the app's restore of a backup of the same records (page/generator.ts), timed
 * there. So, with one export run, the backup is compared with that restore instead of a second one:
 * - made in this run: the same run, browser and machine;
 * - made by an earlier run (the collections are cached): only if that restore ran in the same
 *   Chromium, with the same restore code (the bundled generator, which carries it) on the same
 *   machine, recorded beside the cached collections; the output says it is not from this run and
 *   what the load was then. Anything else, and the backup is restored again and timed.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { machine } from './machine';

/** What a restore was timed with: it is reused only with all three the same. */
export interface TimedWith {
	chromium: string;
	/** Hash of the bundled generator, which carries the app's restore code. */
	restoreCode: string;
	machine: string;
}

export interface RestoreTiming {
	ms: number;
	/** When the collections (and the restore) were made. */
	madeAt: number;
	/** The 1-minute load average when that collection's generation ended. */
	load?: number;
	/** Collections made before this was recorded have none: their restore is not reused. */
	timedWith?: TimedWith;
}

export type RestoreBaseline =
	| { use: 'this run' | 'earlier run'; ms: number; madeAt: number; load?: number }
	| { use: 'measure'; why: string };

export function timedWith(chromium: string, generatorBundle: string): TimedWith {
	const { cpus, cpuModel } = machine(chromium);
	return {
		chromium,
		restoreCode: createHash('sha256').update(generatorBundle).digest('hex').slice(0, 16),
		machine: `${hostname()}, ${cpus} × ${cpuModel}`
	};
}

/** Which restore the backup is compared with, or why it is restored again in this run. */
export function chooseRestoreBaseline({
	exportRuns,
	generatedThisRun,
	timing,
	current
}: {
	exportRuns: number;
	generatedThisRun: boolean;
	timing: RestoreTiming | undefined;
	current: TimedWith;
}): RestoreBaseline {
	if (exportRuns !== 1) {
		return { use: 'measure', why: `${exportRuns} export runs: each restores its own backup` };
	}
	if (!timing) {
		return { use: 'measure', why: 'no restore was timed when the collections were made' };
	}
	const { ms, madeAt, load } = timing;
	if (generatedThisRun) {
		return { use: 'this run', ms, madeAt, load };
	}
	const then = timing.timedWith;
	if (!then) {
		return { use: 'measure', why: 'the cached collections do not say what their restore ran on' };
	}
	const differs = (Object.keys(current) as (keyof TimedWith)[]).filter(
		(key) => then[key] !== current[key]
	);
	if (differs.length > 0) {
		const what = differs.map((key) => `${key} ${then[key]} then, ${current[key]} now`);
		return { use: 'measure', why: `the cached restore ran with another ${what.join('; ')}` };
	}
	return { use: 'earlier run', ms, madeAt, load };
}

const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
const atLoad = (load: number | undefined) => (load === undefined ? '' : `, load ${load}`);

/** How the baseline is named in the log and the table. */
export function describeBaseline(baseline: RestoreBaseline): string {
	switch (baseline.use) {
		case 'this run':
			return `the restore that made the collection, this run${atLoad(baseline.load)}`;
		case 'earlier run':
			return `the restore that made the collection in an earlier run (${when(baseline.madeAt)} UTC${atLoad(baseline.load)}; same Chromium, restore code and machine), not this run`;
		case 'measure':
			return `restoring the backup in this run (${baseline.why})`;
	}
}
