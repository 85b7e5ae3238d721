/**
 * Builds deck exports off the main thread, so the page stays responsive while a 100,000-card
 * deck is read, written into SQLite and zipped. sql.js (and its WASM) load only for `.apkg`.
 */
import { buildExport } from '$lib/domain/export/export-deck';
import { getDb } from '$lib/storage/db';
import { ExportError, readExportData } from '$lib/storage/export';
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
	post({ type: 'progress', phase: 'Reading the deck', fraction: 0.1 });
	const data = await readExportData(getDb(), request.deckId);
	post({ type: 'progress', phase: 'Writing the file', fraction: 0.5 });
	const file = await buildExport(data, request.format, new Date(request.now), loadSql);
	post({ type: 'done', file }, [file.bytes.buffer]);
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
