// The export's held heap (tests/bench/measures/forced-gc.ts): read from the end of the GCs the
// bench forces, never from the GCs V8 runs by itself (their floating garbage) nor from reads
// taken after the worker went on allocating.
import { describe, expect, it } from 'vitest';
import { FORCED_GC, heldByForcedGcs } from '../bench/measures/forced-gc';
import type { TraceEvent } from '../bench/optimiser-trace';

const PAGE = { pid: 1, tid: 10 };
const WORKER = { pid: 1, tid: 20 };

function thread(at: { pid: number; tid: number }, name: string): TraceEvent {
	return { name: 'thread_name', ph: 'M', ts: 0, ...at, args: { name } };
}

function gc(
	at: { pid: number; tid: number },
	usedHeapSizeAfter: number,
	type = FORCED_GC,
	name = 'MajorGC'
): TraceEvent {
	return { name, ph: 'X', ts: 1, ...at, args: { type, usedHeapSizeAfter } as TraceEvent['args'] };
}

const threads = [thread(PAGE, 'CrRendererMain'), thread(WORKER, 'DedicatedWorker thread')];

describe('bench held heap from forced GCs', () => {
	it('takes the highest end of a forced full GC on the page and on the worker', () => {
		const events = [
			...threads,
			gc(PAGE, 4_000_000),
			gc(PAGE, 4_200_000),
			gc(WORKER, 600_000),
			gc(WORKER, 1_700_000),
			gc(WORKER, 1_500_000)
		];
		expect(heldByForcedGcs(events)).toEqual({ page: 4_200_000, worker: 1_700_000 });
	});

	it("leaves out V8's own GCs: scavenges and incremental marking's floating garbage", () => {
		const events = [
			...threads,
			gc(PAGE, 4_200_000),
			gc(WORKER, 1_600_000),
			gc(WORKER, 2_400_000, 'finalize incremental marking via task'),
			gc(WORKER, 3_000_000, 'allocation failure', 'MinorGC')
		];
		expect(heldByForcedGcs(events).worker).toBe(1_600_000);
	});

	it('refuses a trace without forced GCs on the worker, or with two workers', () => {
		expect(() => heldByForcedGcs([...threads, gc(PAGE, 4_200_000)])).toThrow(
			/one DedicatedWorker thread, found 0/
		);
		const second = { pid: 1, tid: 30 };
		const events = [
			...threads,
			thread(second, 'DedicatedWorker thread'),
			gc(PAGE, 4_200_000),
			gc(WORKER, 1_600_000),
			gc(second, 900_000)
		];
		expect(() => heldByForcedGcs(events)).toThrow(/found 2/);
	});
});
