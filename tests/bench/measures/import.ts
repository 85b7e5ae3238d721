/**
 * (4) Import throughput through the real import screen: a file chosen with "Choose a deck file"
 * (and, for CSV, the column mapping confirmed with "Import"), timed until the import summary is
 * painted, with the longest main-thread task in between. Baseline, same run: the records that
 * import wrote, written again with the raw IndexedDB API in 1,000-record transactions.
 */
import type { Browser } from '@playwright/test';
import type { ImportFixture } from '../import-fixtures';
import type { BaselineResult } from '../page/baseline';
import type { ProbeState } from '../page/probes';
import { inPage } from '../browser';

export interface ImportRun {
	fixture: string;
	importMs: number;
	baselineMs: number;
	records: number;
	/** Longest main-thread task between choosing/confirming and the summary (0: none over 50 ms). */
	longestTaskMs: number;
}

export async function importRun(
	browser: Browser,
	origin: string,
	fixture: ImportFixture,
	probes: string,
	toolkit: string
): Promise<ImportRun> {
	// A fresh profile each time: the import lands in an empty collection.
	const context = await browser.newContext();
	try {
		await context.addInitScript({ content: probes });
		const page = await context.newPage();
		await page.goto(`${origin}/import`);
		await page.getByRole('heading', { name: 'Import a deck' }).waitFor({ timeout: 60_000 });
		await page.getByLabel('Choose a deck file').setInputFiles(fixture);
		if (fixture.kind === 'csv') {
			await page.getByRole('button', { name: 'Import', exact: true }).click({ timeout: 60_000 });
		}
		const done = await inPage<boolean>(page, `engramProbes.until('imported', 0, 600000)`);
		const summary = page.getByRole('status', { name: 'Import summary' });
		const text = await summary.innerText({ timeout: 1000 }).catch(() => '');
		if (
			!done ||
			!text.includes(`${fixture.notes.toLocaleString('en').replace(/,/g, '')} notes added`)
		) {
			throw new Error(
				`Importing ${fixture.name} did not finish with ${fixture.notes} notes added: ${text}`
			);
		}
		const probe = await inPage<Pick<ProbeState, 'importing' | 'longTasks'>>(
			page,
			'({ importing: engramProbes.importing, longTasks: engramProbes.longTasks })'
		);
		const start = probe.importing.confirmedAt ?? probe.importing.chosenAt ?? 0;
		const end = probe.importing.doneAt ?? 0;
		const during = probe.longTasks.filter(([at]) => at >= start && at <= end);
		await inPage(page, toolkit);
		const baseline = await inPage<BaselineResult>(page, 'engramBench.rawBaseline()');
		return {
			fixture: fixture.name,
			importMs: end - start,
			baselineMs: baseline.ms,
			records: baseline.records,
			longestTaskMs: Math.max(0, ...during.map(([, duration]) => duration))
		};
	} finally {
		await context.close();
	}
}
