/**
 * (7) Export and backup of the largest collection, run by the app's own workers in the app's page
 * (tests/bench/page/export-toolkit.ts): each export timed against importing the same data, and
 * the JS heap of the page and the worker together sampled over CDP while the export runs.
 *
 * Two heap figures: the live heap (sampled every ~50 ms, garbage included: how much V8 lets pile
 * up between collections, which depends on the allocation rate more than on what is kept), and
 * the heap the export holds (a full GC of both about every half second, its used size at the GC's
 * end read from a trace: forced-gc.ts). The held figure is compared with the study session's heap
 * after GC: the same measure, so the budget judges what the export keeps, not when V8 chose to
 * collect.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import type { ExportKind } from '../page/export-toolkit';
import { inPage } from '../browser';
import { startTrace, traceEventsOf } from '../optimiser-trace';
import { heldByForcedGcs, type HeldHeap } from './forced-gc';

export interface ExportRun {
	kind: ExportKind;
	exportMs: number;
	/**
	 * Importing the exported file into an empty scratch database (restore, for a backup); left out
	 * for the deck file by default, which is then compared with the same run's restore.
	 */
	importMs?: number;
	bytes: number;
	/** Highest used JS heap (page + worker) seen while the export ran, garbage included, bytes. */
	heapPeak: number;
	/**
	 * Highest used JS heap at the end of a forced full GC while it ran: the page's highest plus the
	 * worker's (so never below any one moment's sum), bytes.
	 */
	heapHeldPeak: number;
	/** The page's share of heapHeldPeak, bytes (the rest is the worker's). */
	heapHeldPage: number;
}

const WORKERS = 'build/_app/immutable/workers';
const WORKER_FILE: Record<ExportKind, RegExp> = {
	backup: /^backup\.worker-.*\.js$/,
	'deck-json': /^export\.worker-.*\.js$/
};

/** The URL path of the app's worker for `kind` in the build under test. */
export function workerPath(kind: ExportKind): string {
	const file = readdirSync(WORKERS).find((name) => WORKER_FILE[kind].test(name));
	if (!file) {
		throw new Error(`No ${kind} worker in ${WORKERS}: was the app built?`);
	}
	return `/_app/immutable/workers/${file}`;
}

/** CDP into one worker: a method call, and its events (returns the call that stops listening). */
interface WorkerChannel {
	send(method: string, params?: object): Promise<unknown>;
	on(method: string, listen: (params: unknown) => void): () => void;
}

/**
 * A CDP channel into the worker `open` starts from `path` (flatten: false, so this session
 * carries it). Auto-attach also reports every worker the page already runs: the app's own daily
 * snapshot (a backup worker the app starts a minute after it opens, when no snapshot was taken
 * today) ran on the export page of a run at load 25, the deck export attached to it instead of its
 * own worker, and when it finished ("No session with given id") the whole bench run ended. So
 * only a worker from `path` that starts after `open` is called counts.
 */
async function attachWorker(
	cdp: CDPSession,
	path: string,
	open: () => Promise<void>
): Promise<WorkerChannel> {
	let opening = false;
	const attached = new Promise<string>((resolve) =>
		cdp.on('Target.attachedToTarget', (event) => {
			const { type, url } = event.targetInfo;
			if (opening && type === 'worker' && url.endsWith(path)) {
				resolve(event.sessionId);
			}
		})
	);
	let id = 0;
	const pending = new Map<number, (result: unknown) => void>();
	const listeners = new Set<{ method: string; listen: (params: unknown) => void }>();
	cdp.on('Target.receivedMessageFromTarget', (event) => {
		const message = JSON.parse(event.message) as
			{ id: number; result?: unknown } | { id: undefined; method: string; params: unknown };
		if (message.id === undefined) {
			listeners.forEach((l) => l.method === message.method && l.listen(message.params));
			return;
		}
		pending.get(message.id)?.(message.result);
		pending.delete(message.id);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	opening = true;
	await open();
	const sessionId = await attached;
	const send = (method: string, params = {}) =>
		new Promise((resolve, reject) => {
			id += 1;
			const timer = setTimeout(
				() => reject(new Error(`The worker never answered ${method}`)),
				30_000
			);
			pending.set(id, (result) => {
				clearTimeout(timer);
				resolve(result);
			});
			const sent = id;
			cdp
				.send('Target.sendMessageToTarget', {
					sessionId,
					message: JSON.stringify({ id: sent, method, params })
				})
				.catch((error: unknown) => {
					clearTimeout(timer);
					pending.delete(sent);
					reject(error instanceof Error ? error : new Error(String(error)));
				});
		});
	const on = (method: string, listen: (params: unknown) => void) => {
		const listener = { method, listen };
		listeners.add(listener);
		return () => listeners.delete(listener);
	};
	return { send, on };
}

/**
 * BENCH_HEAP_SNAPSHOTS=<dir>: heap snapshots of the worker (DevTools' format: the Memory panel
 * opens them) before the export starts and then about every 5 s (`<kind>-<time>-worker-<s>`):
 * what it holds. Each snapshot pauses the worker for about half a second at 100k cards, so the
 * times of such a run are not the bench's.
 */
const SNAPSHOTS = process.env.BENCH_HEAP_SNAPSHOTS;

async function workerSnapshot(worker: WorkerChannel, file: string): Promise<void> {
	const chunks: string[] = [];
	const stop = worker.on('HeapProfiler.addHeapSnapshotChunk', (params) =>
		chunks.push((params as { chunk: string }).chunk)
	);
	try {
		await worker.send('HeapProfiler.enable');
		await worker.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
	} finally {
		stop();
	}
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, chunks.join(''));
}

/** The page's and the worker's used heap (garbage included), bytes, after a full GC if `collect`. */
async function heapOf(cdp: CDPSession, worker: WorkerChannel, collect: boolean): Promise<number> {
	if (collect) {
		await Promise.all([
			cdp.send('HeapProfiler.collectGarbage'),
			worker.send('HeapProfiler.collectGarbage')
		]);
	}
	const [page, inWorker] = await Promise.all([
		cdp.send('Runtime.getHeapUsage'),
		worker.send('Runtime.getHeapUsage') as Promise<{ usedSize: number }>
	]);
	return page.usedSize + inWorker.usedSize;
}

/**
 * Runs `task` with the heap sampled every 50 ms (the live peak) and both GCs forced every ~500 ms,
 * traced: what they leave is the held heap. `snapshot` is called every ~5 s.
 */
async function withHeapPeaks<T>(
	page: Page,
	cdp: CDPSession,
	worker: WorkerChannel,
	task: () => Promise<T>,
	snapshot?: (at: number) => Promise<void>
): Promise<[T, { live: number; held: HeldHeap }]> {
	const stopTrace = await startTrace(page, ['v8']);
	let live = await heapOf(cdp, worker, true);
	let running = true;
	const started = Date.now();
	const sampler = (async () => {
		for (let i = 1; running; i += 1) {
			live = Math.max(live, await heapOf(cdp, worker, i % 10 === 0));
			if (i % 100 === 0) {
				await snapshot?.(Math.round((Date.now() - started) / 1000));
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	let result: T;
	let trace: string;
	try {
		result = await task();
	} finally {
		running = false;
		await sampler;
		trace = await stopTrace();
	}
	return [result, { live, held: heldByForcedGcs(traceEventsOf(trace)) }];
}

export async function exportRun(
	page: Page,
	kind: ExportKind,
	importToo: boolean
): Promise<ExportRun> {
	const cdp = await page.context().newCDPSession(page);
	try {
		const path = workerPath(kind);
		const worker = await attachWorker(cdp, path, () =>
			inPage(page, `engramExport.openWorker(${JSON.stringify(kind)}, ${JSON.stringify(path)})`)
		);
		await cdp.send('HeapProfiler.collectGarbage');
		const run = new Date().toISOString().slice(11, 19).replaceAll(':', '');
		const snapshot = SNAPSHOTS
			? (at: number) =>
					workerSnapshot(worker, join(SNAPSHOTS, `${kind}-${run}-worker-${at}s.heapsnapshot`))
			: undefined;
		await snapshot?.(0);
		const [exported, peaks] = await withHeapPeaks(
			page,
			cdp,
			worker,
			() =>
				inPage<{ ms: number; bytes: number }>(
					page,
					`engramExport.exportOnce(${JSON.stringify(kind)})`
				),
			snapshot
		);
		await inPage(page, 'engramExport.closeWorker()');
		const importMs = importToo
			? await inPage<number>(page, 'engramExport.importLast()')
			: await inPage<undefined>(page, 'engramExport.forgetLast()');
		return {
			kind,
			exportMs: exported.ms,
			importMs,
			bytes: exported.bytes,
			heapPeak: peaks.live,
			heapHeldPeak: peaks.held.page + peaks.held.worker,
			heapHeldPage: peaks.held.page
		};
	} finally {
		await cdp.detach();
	}
}
