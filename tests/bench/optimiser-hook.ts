/**
 * The optimiser engineer may add tests/bench/optimiser.ts (or .js) exporting a measurement
 * function (`measure…`). When it is there, the bench calls it with the browser and the origins
 * and reports what it returns; when it is not, the table says so.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import type { Row } from './report';

export interface OptimiserBenchInput {
	browser: Browser;
	/** Origin per collection size, each with its generated collection in `engram`. */
	origins: Record<number, string>;
	runs: number;
}

type Measure = (input: OptimiserBenchInput) => Promise<unknown>;

function isRow(value: unknown): value is Row {
	return typeof value === 'object' && value !== null && 'measure' in value && 'figure' in value;
}

export async function optimiserRows(
	input: OptimiserBenchInput
): Promise<{ rows: Row[]; raw: unknown }> {
	const file = ['tests/bench/optimiser.ts', 'tests/bench/optimiser.js'].find((f) => existsSync(f));
	if (!file) {
		return { rows: [], raw: undefined };
	}
	const module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
	const name = Object.keys(module).find(
		(key) => /^measure/i.test(key) && typeof module[key] === 'function'
	);
	if (!name) {
		throw new Error(`${file} exports no measure… function.`);
	}
	const raw = await (module[name] as Measure)(input);
	const rows = Array.isArray(raw) ? raw.filter(isRow) : isRow(raw) ? [raw] : [];
	if (rows.length === 0) {
		rows.push({
			measure: `Optimiser (${file})`,
			figure: JSON.stringify(raw).slice(0, 80),
			baseline: '–',
			budget: '–'
		});
	}
	return { rows, raw };
}
