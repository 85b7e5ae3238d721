/** The bench's verdicts: each figure, its baseline from the same run, the ratio, and the budget. */
export interface Row {
	measure: string;
	figure: string;
	baseline: string;
	ratio?: number;
	budget: string;
	/** undefined: informational or not measured. */
	pass?: boolean;
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function verdict(pass: boolean | undefined): string {
	if (pass === undefined) {
		return '–';
	}
	return pass ? 'holds' : 'MISSED';
}

/** A Markdown table: readable in a terminal, and pasted as is into the README. */
export function markdownTable(rows: readonly Row[]): string {
	const header = ['Measure', 'Figure', 'Baseline (same run)', 'Ratio', 'Budget', 'Verdict'];
	const lines = rows.map((row) => [
		row.measure,
		row.figure,
		row.baseline,
		row.ratio === undefined ? '–' : `${row.ratio.toFixed(2)} ×`,
		row.budget,
		verdict(row.pass)
	]);
	const format = (cells: string[]) => `| ${cells.join(' | ')} |`;
	return [format(header), format(header.map(() => '---')), ...lines.map(format)].join('\n');
}
