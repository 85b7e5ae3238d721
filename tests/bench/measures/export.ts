/**
 * (7) Export and backup of the largest collection, run by the app's own workers in the app's page
 * (tests/bench/page/export-toolkit.ts): each export timed against importing the same data, and
 * the JS heap of the page and the worker together sampled over CDP while the export runs.
 *
 * Two heap figures: the live heap (sampled every ~50 ms, garbage included: how much V8 lets pile
 * up between collections, which depends on the allocation rate more than on what is kept), and
 * the heap the export holds (a full GC of both, then the used size, about every half second).
 * The held figure is compared with the study session's heap after GC: the same measure, so the
 * budget judges what the export keeps, not when V8 chose to collect.
 */
import { readdirSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import type { ExportKind } from '../page/export-toolkit';
import { inPage } from '../browser';

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
	/** Highest used JS heap (page + worker) right after a full GC of both while it ran, bytes. */
	heapHeldPeak: number;
	/** The page's share of heapHeldPeak's sample, bytes (the rest is the worker's). */
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

type Send = (method: string) => Promise<unknown>;

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
): Promise<Send> {
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
	cdp.on('Target.receivedMessageFromTarget', (event) => {
		const message = JSON.parse(event.message) as { id?: number; result?: unknown };
		pending.get(message.id ?? -1)?.(message.result);
		pending.delete(message.id ?? -1);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	opening = true;
	await open();
	const sessionId = await attached;
	return (method) =>
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
					message: JSON.stringify({ id: sent, method, params: {} })
				})
				.catch((error: unknown) => {
					clearTimeout(timer);
					pending.delete(sent);
					reject(error instanceof Error ? error : new Error(String(error)));
				});
		});
}

interface HeapSample {
	page: number;
	worker: number;
}

async function heapOf(cdp: CDPSession, worker: Send, collect: boolean): Promise<HeapSample> {
	if (collect) {
		await Promise.all([
			cdp.send('HeapProfiler.collectGarbage'),
			worker('HeapProfiler.collectGarbage')
		]);
	}
	const [page, inWorker] = await Promise.all([
		cdp.send('Runtime.getHeapUsage'),
		worker('Runtime.getHeapUsage') as Promise<{ usedSize: number }>
	]);
	return { page: page.usedSize, worker: inWorker.usedSize };
}

/** Samples the heap until `task` settles: every 50 ms live, every ~500 ms after a full GC. */
async function withHeapPeaks<T>(
	cdp: CDPSession,
	worker: Send,
	task: Promise<T>
): Promise<[T, { live: number; held: HeapSample }]> {
	const total = (sample: HeapSample) => sample.page + sample.worker;
	let held = await heapOf(cdp, worker, true);
	let live = total(held);
	let running = true;
	const sampler = (async () => {
		for (let i = 1; running; i += 1) {
			const collect = i % 10 === 0;
			const sample = await heapOf(cdp, worker, collect);
			live = Math.max(live, total(sample));
			if (collect && total(sample) > total(held)) {
				held = sample;
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	try {
		return [await task, { live, held }];
	} finally {
		running = false;
		await sampler;
	}
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
		const [exported, peaks] = await withHeapPeaks(
			cdp,
			worker,
			inPage<{ ms: number; bytes: number }>(
				page,
				`engramExport.exportOnce(${JSON.stringify(kind)})`
			)
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
