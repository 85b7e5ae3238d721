/**
 * Builds the file for one export from records already read: picks the format's writer, names the
 * file after the deck. Writers load on demand, so fflate and sql.js are fetched only for `.apkg`.
 */
import type { SqlLoader } from '../import/sqlite';
import { fileNameFor, type ExportData } from './export-data';

export type ExportFormat = 'apkg' | 'json' | 'csv';

export interface ExportedFile {
	bytes: Uint8Array;
	fileName: string;
	/** MIME type for the download. */
	type: string;
}

/** A finished export as the worker hands it over: a Blob, so a large file never sits in the heap. */
export interface ExportedBlob {
	blob: Blob;
	fileName: string;
	type: string;
}

export const EXPORT_FORMATS: Record<ExportFormat, { extension: string; type: string }> = {
	apkg: { extension: 'apkg', type: 'application/octet-stream' },
	json: { extension: 'json', type: 'application/json' },
	csv: { extension: 'tsv', type: 'text/tab-separated-values' }
};

async function build(
	data: ExportData,
	format: ExportFormat,
	now: Date,
	loadSql: SqlLoader
): Promise<Uint8Array> {
	switch (format) {
		case 'apkg': {
			const [{ buildApkg }, sql] = await Promise.all([import('./apkg'), loadSql()]);
			return buildApkg(data, sql, now);
		}
		case 'json': {
			const { buildDeckJson } = await import('./engram-json');
			return new TextEncoder().encode(await buildDeckJson(data));
		}
		case 'csv': {
			const { buildAnkiText } = await import('./anki-text');
			return new TextEncoder().encode(buildAnkiText(data));
		}
	}
}

/** `data.decks[0]` is the deck the user chose; the others are nested under it. */
export async function buildExport(
	data: ExportData,
	format: ExportFormat,
	now: Date,
	loadSql: SqlLoader
): Promise<ExportedFile> {
	const { extension, type } = EXPORT_FORMATS[format];
	return {
		bytes: await build(data, format, now, loadSql),
		fileName: fileNameFor(data.decks[0]?.name ?? 'deck', extension),
		type
	};
}
