/** Messages between the import screen and the import worker. */
import type { TextMapping, TextPreview } from '$lib/domain/import/text-records';
import type { ImportSummary } from '$lib/storage/import-commit';

export type ImportRequest =
	| { type: 'preview'; name: string; bytes: ArrayBuffer }
	| { type: 'import'; name: string; bytes: ArrayBuffer; mapping?: TextMapping; now: number };

export type ImportResponse =
	| { type: 'preview'; preview: TextPreview }
	| { type: 'progress'; phase: string; fraction: number }
	| { type: 'done'; summary: ImportSummary }
	| { type: 'error'; message: string };
