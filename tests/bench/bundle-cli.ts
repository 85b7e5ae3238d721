/**
 * The first screen's bundle alone (not a timed test): `npx tsx tests/bench/bundle-cli.ts` serves
 * build/ as it is on BENCH_PORT (build it first with `npx vite build --config
 * tests/bench/vite.bench.config.ts`), prints the bench's bundle rows, then each first-screen file
 * with its gzip size and what fills it: the packages and source folders in it, largest first.
 */
import { readFileSync } from 'node:fs';
import { launchBrowser, startServer } from './browser';
import { runCli } from './cli-session';
import { BASE_PORT } from './config';
import { gzipSize, measureBundle } from './measures/bundle';
import { kib, markdownTable } from './report';
import { bundleRows } from './verdicts';
import { CHUNK_MODULES_FILE, type ChunkModules } from './vite.bench.config';

/** How many of a file's largest parts to name. */
const SHOWN = 8;

/** `node_modules/<package>` or the source folder (`src/lib/storage`, `src/routes`…) of a module. */
function partOf(id: string): string {
	const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
	if (pkg) {
		return pkg[1]!;
	}
	const src = /\/(src\/(?:lib\/)?[^/?]+)\//.exec(id);
	return src ? src[1]! : (id.split('/').pop() ?? id);
}

function breakdown(file: string, modules: Record<string, number>): string {
	const parts = new Map<string, number>();
	for (const [id, length] of Object.entries(modules)) {
		parts.set(partOf(id), (parts.get(partOf(id)) ?? 0) + length);
	}
	const total = [...parts.values()].reduce((a, b) => a + b, 0) || 1;
	const largest = [...parts]
		.sort((a, b) => b[1] - a[1])
		.slice(0, SHOWN)
		.map(([part, length]) => `${part} ${Math.round((100 * length) / total)}%`);
	const what = largest.length > 0 ? largest.join(', ') : 'no module (CSS or a static file)';
	return `${file}: ${kib(gzipSize(file).gzip)} gzip — ${what}`;
}

async function main(): Promise<void> {
	const server = await startServer(BASE_PORT);
	const { browser } = await launchBrowser();
	try {
		const report = await measureBundle(browser, server.origin, CHUNK_MODULES_FILE);
		const modules = JSON.parse(readFileSync(CHUNK_MODULES_FILE, 'utf8')) as ChunkModules;
		console.log(`\n${markdownTable(bundleRows(report))}\n`);
		const returning = new Set(report.firstScreen.files);
		for (const file of report.firstVisit.files) {
			const visit = returning.has(file) ? '' : ' (first visit only)';
			console.log(`${breakdown(file, modules[file] ?? {})}${visit}`);
		}
	} finally {
		await browser.close();
		server.stop();
	}
}

runCli(main);
