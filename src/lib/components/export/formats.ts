/** The export formats as the export screen offers them. */
import type { ExportFormat } from '$lib/domain/export/export-deck';

export const FORMAT_CHOICES: readonly { format: ExportFormat; label: string; hint: string }[] = [
	{
		format: 'apkg',
		label: 'Anki package (.apkg)',
		hint: 'For Anki and AnkiDroid, or another device: notes, cards, progress and media.'
	},
	{
		format: 'json',
		label: 'Engram deck (.json)',
		hint: 'Readable text: notes, subdecks, suspended cards and progress. No media.'
	},
	{
		format: 'csv',
		label: 'Anki text (.tsv)',
		hint: 'Notes only, one per row, for a spreadsheet or Anki’s text import.'
	}
];
