/**
 * The JS heap an export holds, read from the GCs the bench forces, in a Chromium trace
 * (category `v8`): each full GC's trace event carries the used heap size at its own end.
 *
 * Reading `Runtime.getHeapUsage` after `HeapProfiler.collectGarbage` instead counts what the
 * worker allocated between the two: the GC runs as a task of the worker, the reading comes one
 * CDP round trip later, and the export keeps running and allocating in between. In a 100k
 * backup at load ~3 the worker's young garbage filled 1–3 MiB between scavenges; its forced
 * GCs ended at 1.47–1.71 MiB while the readings after them went up to 2.9 MiB (README
 * "Performance"). The page is idle during an export, so its readings agreed with its GCs.
 */
import type { TraceEvent } from '../optimiser-trace';

/** Why V8 ran the GC that `HeapProfiler.collectGarbage` asks for (its trace event's `type`). */
export const FORCED_GC = 'low memory notification';

export interface HeldHeap {
	/** Highest used heap at the end of a forced GC of the page's main thread, bytes. */
	page: number;
	/** The same for the dedicated worker, bytes. */
	worker: number;
}

interface GcEvent extends TraceEvent {
	args?: { name?: string; type?: string; usedHeapSizeAfter?: number };
}

/** The highest heap after a forced full GC, per thread named `thread` (one thread expected). */
function highest(events: GcEvent[], names: Map<string, string>, thread: string): number {
	const peaks = new Map<string, number>();
	for (const event of events) {
		const key = `${event.pid}:${event.tid}`;
		const after = event.args?.usedHeapSizeAfter;
		if (
			event.name === 'MajorGC' &&
			event.args?.type === FORCED_GC &&
			after !== undefined &&
			names.get(key) === thread
		) {
			peaks.set(key, Math.max(peaks.get(key) ?? 0, after));
		}
	}
	if (peaks.size !== 1) {
		throw new Error(
			`Expected forced GCs on one ${thread}, found ${peaks.size}: is the trace's category v8, ` +
				`and does Chromium still call these GCs "${FORCED_GC}"?`
		);
	}
	return [...peaks.values()][0]!;
}

/** The page's and the worker's highest heap after the forced GCs in `events`. */
export function heldByForcedGcs(events: TraceEvent[]): HeldHeap {
	const names = new Map(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name)
			.map((e) => [`${e.pid}:${e.tid}`, e.args!.name!])
	);
	return {
		page: highest(events, names, 'CrRendererMain'),
		worker: highest(events, names, 'DedicatedWorker thread')
	};
}
