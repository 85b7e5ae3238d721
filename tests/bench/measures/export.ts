/**
 * (7) Export and backup of the largest collection, in the app's page (tests/bench/page/
 * export-toolkit.ts): each export timed against importing exactly the file it produced, and the
 * JS heap sampled over CDP while the export runs (its peak, compared with the study session's).
 */
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
	/** Highest used JS heap seen while the export ran (sampled every ~50 ms), bytes. */
	heapPeak: number;
}

const usedHeap = async (cdp: CDPSession) => (await cdp.send('Runtime.getHeapUsage')).usedSize;

/** Samples the heap until `task` settles; returns the task's result and the peak seen. */
async function withHeapPeak<T>(cdp: CDPSession, task: Promise<T>): Promise<[T, number]> {
	let peak = await usedHeap(cdp);
	let running = true;
	const sampler = (async () => {
		while (running) {
			peak = Math.max(peak, await usedHeap(cdp));
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	})();
	try {
		return [await task, peak];
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
		await cdp.send('HeapProfiler.collectGarbage');
		const [exported, heapPeak] = await withHeapPeak(
			cdp,
			inPage<{ ms: number; bytes: number }>(
				page,
				`engramExport.exportOnce(${JSON.stringify(kind)})`
			)
		);
		const importMs = importToo
			? await inPage<number>(page, 'engramExport.importLast()')
			: await inPage<undefined>(page, 'engramExport.forgetLast()');
		return { kind, exportMs: exported.ms, importMs, bytes: exported.bytes, heapPeak };
	} finally {
		await cdp.detach();
	}
}
