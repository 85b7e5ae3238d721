/**
 * Reads Anki's text format and plain CSV/TSV: the `#key:value` header lines Anki writes
 * (`#separator:`, `#html:`, `#columns:`, `#notetype:`, `#deck:`, `#tags:`, `#… column:`), BOM,
 * CRLF and quoted multi-line fields (Papa Parse), and detects the delimiter when none is given.
 */
import Papa from 'papaparse';
import { ImportError, MESSAGES } from './errors';

export interface TextHeaders {
	separator?: string;
	html?: boolean;
	columns?: string[];
	notetype?: string;
	deck?: string;
	tags: string[];
	/** 0-based column indexes. */
	notetypeColumn?: number;
	deckColumn?: number;
	tagsColumn?: number;
	guidColumn?: number;
}

export interface TextTable {
	headers: TextHeaders;
	delimiter: string;
	rows: string[][];
}

const SEPARATORS: Record<string, string> = {
	comma: ',',
	semicolon: ';',
	tab: '\t',
	space: ' ',
	pipe: '|',
	colon: ':'
};

export function decodeText(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
	} catch {
		throw new ImportError(MESSAGES.notText);
	}
}

function column(value: string): number | undefined {
	const n = Number.parseInt(value, 10);
	return Number.isInteger(n) && n >= 1 ? n - 1 : undefined;
}

/** Splits off the `#key:value` lines at the top of the file. */
export function readHeaders(text: string): { headers: TextHeaders; body: string } {
	const headers: TextHeaders = { tags: [] };
	const lines = text.split(/\r?\n/);
	let i = 0;
	for (; i < lines.length; i++) {
		const m = /^#([a-z ]+):(.*)$/i.exec(lines[i]!);
		if (!m) {
			break;
		}
		applyHeader(headers, m[1]!.trim().toLowerCase(), m[2]!.trim());
	}
	if (headers.columns && headers.separator) {
		headers.columns = headers.columns.flatMap((c) => c.split(headers.separator!));
	}
	return { headers, body: lines.slice(i).join('\n') };
}

function applyHeader(headers: TextHeaders, key: string, value: string): void {
	switch (key) {
		case 'separator':
			headers.separator =
				SEPARATORS[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
			break;
		case 'html':
			headers.html = value.toLowerCase() === 'true';
			break;
		case 'columns':
			headers.columns = [value];
			break;
		case 'notetype':
			headers.notetype = value;
			break;
		case 'deck':
			headers.deck = value;
			break;
		case 'tags':
			headers.tags = value.split(/\s+/).filter(Boolean);
			break;
		case 'notetype column':
			headers.notetypeColumn = column(value);
			break;
		case 'deck column':
			headers.deckColumn = column(value);
			break;
		case 'tags column':
			headers.tagsColumn = column(value);
			break;
		case 'guid column':
			headers.guidColumn = column(value);
			break;
	}
}

export function readTextTable(bytes: Uint8Array): TextTable {
	const { headers, body } = readHeaders(decodeText(bytes));
	const parsed = Papa.parse<string[]>(body, {
		delimiter: headers.separator ?? '',
		delimitersToGuess: ['\t', ',', ';', '|'],
		comments: '#',
		skipEmptyLines: 'greedy'
	});
	if (headers.columns && !headers.separator) {
		headers.columns = headers.columns.flatMap((c) => c.split(parsed.meta.delimiter));
	}
	return { headers, delimiter: parsed.meta.delimiter, rows: parsed.data };
}
