/**
 * The importer's one entry point, shared by the Web Worker and the CLI: looks at the bytes (not
 * the file name) to pick the reader, and returns an ImportBundle or throws ImportError.
 */
import { readAnkiPackage } from './anki-package';
import { ankiPackageToBundle } from './anki-records';
import type { ImportBundle, ProgressHandler } from './bundle';
import { engramJsonToBundle } from './engram-json';
import { ImportError, MAX_IMPORT_BYTES, MESSAGES } from './errors';
import type { SqlLoader } from './sqlite';
import { textToBundle, type TextMapping } from './text-records';
import { isZip } from './zip';

export interface ImportOptions {
	now: Date;
	loadSql: SqlLoader;
	/** Column mapping for plain CSV/TSV; guessed when absent. */
	mapping?: TextMapping;
	onProgress?: ProgressHandler;
}

export type FileKind = 'anki' | 'json' | 'text';

const ANKI_NAME = /\.(apkg|colpkg)$/i;

/** Decides how to read the file from its first bytes; throws for empty or binary junk. */
export function detectKind(name: string, bytes: Uint8Array): FileKind {
	if (bytes.length === 0) {
		throw new ImportError(MESSAGES.empty);
	}
	if (bytes.length > MAX_IMPORT_BYTES) {
		throw new ImportError(MESSAGES.tooLarge);
	}
	if (isZip(bytes)) {
		return 'anki';
	}
	if (ANKI_NAME.test(name)) {
		throw new ImportError(MESSAGES.notZip);
	}
	const head = bytes.subarray(0, 4096);
	if (head.includes(0)) {
		throw new ImportError(MESSAGES.unknownFormat);
	}
	const start = new TextDecoder()
		.decode(head)
		.replace(/^\uFEFF/, '')
		.trimStart();
	return start.startsWith('{') || start.startsWith('[') ? 'json' : 'text';
}

export async function parseImport(
	name: string,
	bytes: Uint8Array,
	options: ImportOptions
): Promise<ImportBundle> {
	const kind = detectKind(name, bytes);
	options.onProgress?.('Reading the file', 0);
	if (kind === 'json') {
		return await engramJsonToBundle(bytes, options.now);
	}
	if (kind === 'text') {
		return textToBundle(bytes, name, options.now, options.mapping);
	}
	const sql = await options.loadSql();
	const pkg = readAnkiPackage(bytes, sql);
	const container = /\.colpkg$/i.test(name) ? 'colpkg' : 'apkg';
	return ankiPackageToBundle(
		pkg,
		`${container}-${pkg.generation}`,
		options.now,
		options.onProgress
	);
}
