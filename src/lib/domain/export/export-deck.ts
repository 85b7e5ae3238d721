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
	/** What the file could not carry, one sentence each (shown with the export's summary). */
	warnings: string[];
}

/** A finished export as the worker hands it over: a Blob, so a large file never sits in the heap. */
export interface ExportedBlob {
	blob: Blob;
	fileName: string;
	type: string;
	warnings: string[];
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
): Promise<{ bytes: Uint8Array; warnings: string[] }> {
	const encode = (text: string) => new TextEncoder().encode(text);
	switch (format) {
		case 'apkg': {
			const [{ buildApkg }, sql] = await Promise.all([import('./apkg'), loadSql()]);
			return { bytes: await buildApkg(data, sql, now), warnings: [] };
		}
		case 'json': {
			const { buildDeckJson } = await import('./engram-json');
			const { text, warnings } = await buildDeckJson(data);
			return { bytes: encode(text), warnings };
		}
		case 'csv': {
			const { buildAnkiText } = await import('./anki-text');
			return { bytes: encode(buildAnkiText(data)), warnings: [] };
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
		...(await build(data, format, now, loadSql)),
		fileName: fileNameFor(data.decks[0]?.name ?? 'deck', extension),
		type
	};
}
