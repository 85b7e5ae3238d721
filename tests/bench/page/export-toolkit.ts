/**
 * (7) Export and backup, run in the app's page by the app's own workers from the build under test
 * (`backup.worker`, `export.worker`: exactly what the backup and export screens start), on the
 * real `engram` database. Each is timed from the request to the file handed back, against the
 * import of what it produced, in the same run:
 * - full backup (the worker's `createBackupBlob`, streamed into a Blob) vs restoring that backup
 *   (`restoreBackup`, replace) into a scratch database, or the restore that made the collection
 *   in this run (tests/bench/page/generator.ts);
 * - deck export as Engram JSON (the worker's `exportDeckBlob`, streamed) vs that restore, or
 *   (BENCH_DECK_IMPORT=1) importing the file (`parseImport` + `commitImport`, what the import
 *   worker runs).
 * The Node side samples the JS heap of the page and of the worker while each export runs.
 */
import { restoreBackup } from '$lib/storage/backup';
import { listRestorePoints } from '$lib/storage/restore-points';
import { EngramDB } from '$lib/storage/db';
import { commitImport } from '$lib/storage/import-commit';
import { parseImport } from '$lib/domain/import/parse-import';
import type { BackupRequest, BackupResponse } from '$lib/workers/backup-protocol';
import type { ExportRequest, ExportResponse } from '$lib/workers/export-protocol';
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
/** The worker opened for the next export (the Node side attaches to it before it starts). */
let opened: { kind: ExportKind; worker: Worker } | undefined;

/** Starts the app's worker for `kind` from its URL in the build; the export waits for exportOnce. */
function openWorker(kind: ExportKind, url: string): undefined {
	opened?.worker.terminate();
	opened = { kind, worker: new Worker(url, { type: 'module', name: `bench-${kind}` }) };
	return undefined;
}

type Answer = BackupResponse | ExportResponse;

/** The file a worker hands back, as the backup and export screens receive it. */
function fileOf(message: Answer): { file: Blob; fileName: string } | undefined {
	if (message.type === 'backup') {
		return { file: message.file, fileName: 'backup.zip' };
	}
	return message.type === 'done'
		? { file: message.file.blob, fileName: message.file.fileName }
		: undefined;
}

/** Asks the opened worker for one export of the app's database; returns its time and size. */
async function exportOnce(kind: ExportKind): Promise<{ ms: number; bytes: number }> {
	if (opened?.kind !== kind) {
		throw new Error(`No ${kind} worker opened.`);
	}
	const { worker } = opened;
	const now = new Date();
	const request: BackupRequest | ExportRequest =
		kind === 'backup'
			? { type: 'backup', now: now.getTime() }
			: { deckId: BENCH_DECK_ID, format: 'json', now: now.getTime() };
	try {
		const { ms, result } = await timed(
			() =>
				new Promise<{ file: Blob; fileName: string }>((resolve, reject) => {
					worker.onmessage = (event: MessageEvent<Answer>) => {
						const file = fileOf(event.data);
						if (file) {
							resolve(file);
						} else if (event.data.type === 'error') {
							reject(new Error(event.data.message));
						}
					};
					worker.onerror = (event) => reject(new Error(event.message));
					worker.postMessage(request);
				})
		);
		last = { kind, now, ...result };
		return { ms, bytes: result.file.size };
	} finally {
		worker.onmessage = null;
	}
}

/** Ends the opened worker (after the Node side has stopped sampling its heap). */
function closeWorker(): undefined {
	opened?.worker.terminate();
	opened = undefined;
	return undefined;
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

/**
 * When each daily snapshot of `engram` was taken (ms): one taken while the exports ran is the
 * app's own (daily-snapshot.svelte.ts), a full backup beside the measured ones.
 */
async function dailySnapshots(): Promise<number[]> {
	const points = await listRestorePoints('engram');
	return points.filter((point) => point.kind === 'daily').map((point) => point.createdAt);
}

const exportToolkit = {
	openWorker,
	exportOnce,
	closeWorker,
	importLast,
	forgetLast,
	dailySnapshots
};

declare global {
	var engramExport: typeof exportToolkit;
}

globalThis.engramExport = exportToolkit;
