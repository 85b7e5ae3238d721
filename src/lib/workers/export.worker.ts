/**
 * Builds deck exports off the main thread, so the page stays responsive while a 100,000-card
 * deck is read, written into SQLite and zipped. sql.js (and its WASM) load only for `.apkg`.
 */
import { getDb } from '$lib/storage/db';
import { exportDeckBlob, ExportError } from '$lib/storage/export';
import type { ExportRequest, ExportResponse } from './export-protocol';

const post = (message: ExportResponse, transfer: Transferable[] = []) =>
	postMessage(message, { transfer });

async function loadSql() {
	const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
		import('sql.js'),
		import('sql.js/dist/sql-wasm-browser.wasm?url')
	]);
	return initSqlJs({ locateFile: () => wasmUrl });
}

async function handle(request: ExportRequest): Promise<void> {
	post({ type: 'progress', phase: 'Writing the file', fraction: 0.1 });
	const file = await exportDeckBlob(
		getDb(),
		request.deckId,
		request.format,
		new Date(request.now),
		loadSql
	);
	// A Blob crosses to the page by reference: its bytes are not copied.
	post({ type: 'done', file });
}

onmessage = (event: MessageEvent<ExportRequest>) => {
	handle(event.data).catch((error: unknown) => {
		if (!(error instanceof ExportError)) {
			console.error(error);
		}
		post({
			type: 'error',
			message:
				error instanceof ExportError
					? error.message
					: 'The export failed: the file could not be made. Nothing was changed.'
		});
	});
};
