/** Messages between the export screen and the export worker. */
import type { ExportedBlob, ExportFormat } from '$lib/domain/export/export-deck';

export interface ExportRequest {
	deckId: string;
	format: ExportFormat;
	now: number;
}

export type ExportResponse =
	| { type: 'progress'; phase: string; fraction: number }
	| { type: 'done'; file: ExportedBlob }
	| { type: 'error'; message: string };
