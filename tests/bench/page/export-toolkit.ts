/**
 * (7) Export and backup, run in the app's page on its real `engram` database with the app's own
 * code (bundled for the bench, as the export screen will call it): each is timed against the
 * import of what it produced, in the same run:
 * - full backup (`createBackupBlob`, streamed into a Blob as the backup worker does) vs restoring
 *   that backup (`restoreBackup`, replace) into a scratch database, or the restore that made the
 *   collection in this run (tests/bench/page/generator.ts);
 * - deck export as Engram JSON (`exportDeckBlob`, streamed, what the export worker runs) vs that
 *   restore, or (BENCH_DECK_IMPORT=1) importing the file (`parseImport` + `commitImport`, what
 *   the import worker runs).
 * The Node side samples the JS heap over CDP while each export runs.
 */
import { createBackupBlob, restoreBackup } from '$lib/storage/backup';
import { EngramDB } from '$lib/storage/db';
import { exportDeckBlob } from '$lib/storage/export';
import { commitImport } from '$lib/storage/import-commit';
import { parseImport } from '$lib/domain/import/parse-import';
import { BENCH_DECK_ID } from './constants';

export type ExportKind = 'backup' | 'deck-json';

const SCRATCH = 'engram-bench-export-scratch';
const noSql = () => Promise.reject(new Error('sql.js is not needed for this format'));

async function scratch(): Promise<EngramDB> {
	await EngramDB.delete(SCRATCH);
	const db = new EngramDB(SCRATCH);
	await db.open();
	return db;
}

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
	const start = performance.now();
	const result = await task();
	return { ms: performance.now() - start, result };
}

/** The last export's file, kept for `importLast` so the heap sampled during the export is its own. */
let last: { kind: ExportKind; file: Blob; fileName: string; now: Date } | undefined;

/** Runs one export on the app's database; returns its time and size. */
async function exportOnce(kind: ExportKind): Promise<{ ms: number; bytes: number }> {
	const db = new EngramDB();
	const now = new Date();
	try {
		const { ms, result } = await timed(async () =>
			kind === 'backup'
				? { file: (await createBackupBlob(db, now)).blob, fileName: 'backup.zip' }
				: await exportDeckBlob(db, BENCH_DECK_ID, 'json', now, noSql).then((out) => ({
						file: out.blob,
						fileName: out.fileName
					}))
		);
		last = { kind, now, ...result };
		return { ms, bytes: result.file.size };
	} finally {
		db.close();
	}
}

/** Imports what the last export produced into a fresh scratch database; returns the time. */
async function importLast(): Promise<number> {
	const file = last;
	last = undefined;
	if (!file) {
		throw new Error('Nothing exported to import.');
	}
	// The restore starts from the file's bytes, as the restore screen's worker does.
	const bytes = new Uint8Array(await file.file.arrayBuffer());
	const target = await scratch();
	try {
		const { ms } = await timed(async () => {
			if (file.kind === 'backup') {
				await restoreBackup(target, bytes, 'replace');
			} else {
				const bundle = await parseImport(file.fileName, bytes, {
					now: file.now,
					loadSql: noSql
				});
				await commitImport(target, bundle, file.now);
			}
		});
		return ms;
	} finally {
		target.close();
		await EngramDB.delete(SCRATCH);
	}
}

/** Drops the last export's file without importing it. */
function forgetLast(): undefined {
	last = undefined;
	return undefined;
}

const exportToolkit = { exportOnce, importLast, forgetLast };

declare global {
	var engramExport: typeof exportToolkit;
}

globalThis.engramExport = exportToolkit;
