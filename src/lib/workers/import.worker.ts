/**
 * Parses and commits imports off the main thread, so the page stays responsive with big decks.
 * Cancel = the page terminates this worker: the single IndexedDB transaction then never
 * commits, and the collection is left exactly as it was.
 */
import './quiet-dexie';
import initSqlJs from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import { describeImportError } from '$lib/domain/import/errors';
import { parseImport } from '$lib/domain/import/parse-import';
import { previewText } from '$lib/domain/import/text-records';
import { getDb } from '$lib/storage/db';
import { commitImport } from '$lib/storage/import-commit';
import { keepPointBeforeImport } from '$lib/storage/restore-points';
import type { ImportRequest, ImportResponse } from './import-protocol';

const post = (message: ImportResponse) => postMessage(message);
const loadSql = () => initSqlJs({ locateFile: () => wasmUrl });

async function handle(request: ImportRequest): Promise<void> {
	const bytes = new Uint8Array(request.bytes);
	if (request.type === 'preview') {
		post({ type: 'preview', preview: previewText(bytes) });
		return;
	}
	const now = new Date(request.now);
	const bundle = await parseImport(request.name, bytes, {
		now,
		loadSql,
		mapping: request.mapping,
		onProgress: (phase, fraction) => post({ type: 'progress', phase, fraction: fraction * 0.5 })
	});
	// A copy of the collection first (not for large ones), so the import can be undone.
	await keepPointBeforeImport(getDb(), now, {
		onProgress: (fraction) =>
			post({
				type: 'progress',
				phase: 'Keeping a copy of your collection',
				fraction: 0.5 + fraction * 0.2
			})
	});
	post({ type: 'progress', phase: 'Saving', fraction: 0.7 });
	const summary = await commitImport(getDb(), bundle, now, (fraction) =>
		post({ type: 'progress', phase: 'Saving', fraction: 0.7 + fraction * 0.3 })
	);
	post({ type: 'done', summary });
}

onmessage = (event: MessageEvent<ImportRequest>) => {
	handle(event.data).catch((error: unknown) => {
		if (!(error instanceof Error && ['ImportError', 'DeckFileError'].includes(error.name))) {
			console.error(error);
		}
		post({ type: 'error', message: describeImportError(error) });
	});
};
