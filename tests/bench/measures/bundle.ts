/**
 * (6) Bundle: the JS and CSS the first screen (Today) really loads, gzipped, and the whole
 * precache. Which library went into which chunk comes from the build's own module graph
 * (tests/bench/vite.bench.config.ts), so "sql.js is not on the first screen" is checked, not guessed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import type { ChunkModules } from '../vite.bench.config';

/** Loaded only when used: SQLite, zip, zstd, charts, the optimiser, the CSV parser, NLP. */
export const HEAVY_PACKAGES = [
	'sql.js',
	'fflate',
	'fzstd',
	'd3-scale',
	'd3-shape',
	'd3-array',
	'fsrs-browser',
	'papaparse',
	'compromise'
];

export interface FilesSize {
	files: string[];
	gzipBytes: number;
	rawBytes: number;
}

export interface BundleReport {
	/** A returning visit: what Today loads every day once the collection exists. */
	firstScreen: FilesSize;
	/** The very first visit, which also seeds the bundled deck (one time). */
	firstVisit: FilesSize;
	precache: { files: number; gzipBytes: number; rawBytes: number };
	/** Heavy packages found in first-screen chunks (must be empty). */
	heavyOnFirstScreen: string[];
	/** Which heavy packages the build contains at all (lazy chunks). */
	heavyInBuild: string[];
}

const BUILD = 'build';

export function gzipSize(file: string): { raw: number; gzip: number } {
	const bytes = readFileSync(join(BUILD, file));
	return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function packagesIn(moduleIds: readonly string[]): string[] {
	return HEAVY_PACKAGES.filter((name) =>
		moduleIds.some((id) => id.includes(`/node_modules/${name}/`))
	);
}

/** The service worker file: named by the PWA setup (`sw.js`, or SvelteKit's `service-worker.js`). */
function serviceWorkerFile(): string {
	const file = ['service-worker.js', 'sw.js'].find((name) => existsSync(join(BUILD, name)));
	if (!file) {
		throw new Error('No service worker in build/: the precache cannot be measured.');
	}
	return file;
}

/** The precache list Workbox injected into the worker (`url:"…"` or `"url":"…"` entries). */
function precacheUrls(): string[] {
	const sw = readFileSync(join(BUILD, serviceWorkerFile()), 'utf8');
	return [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((match) => match[1]!.replace(/^\//, ''));
}

/** Files the Today screen requests: on a first visit (fresh profile), then on a reload. */
async function firstScreenFiles(
	browser: Browser,
	origin: string
): Promise<{ firstVisit: string[]; returning: string[] }> {
	// No worker, so every file the screen needs is a request we can see (from the HTTP cache on
	// the reload, which still reports each response).
	const context = await browser.newContext({ serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		let files = new Set<string>();
		page.on('response', (response) => {
			const path = new URL(response.url()).pathname;
			if (/\.(js|css)$/.test(path)) {
				files.add(path.slice(1));
			}
		});
		const load = async (go: () => Promise<unknown>) => {
			files = new Set();
			await go();
			await page
				.getByRole('link', { name: /^Study/ })
				.first()
				.waitFor({ timeout: 60_000 });
			await page.waitForLoadState('networkidle');
			return [...files].sort();
		};
		const firstVisit = await load(() => page.goto(`${origin}/`));
		const returning = await load(() => page.reload());
		return { firstVisit, returning };
	} finally {
		await context.close();
	}
}

export async function measureBundle(
	browser: Browser,
	origin: string,
	chunkModulesFile: string
): Promise<BundleReport> {
	const { firstVisit, returning } = await firstScreenFiles(browser, origin);
	const modules: Record<string, string[]> = existsSync(chunkModulesFile)
		? modulesByChunk(JSON.parse(readFileSync(chunkModulesFile, 'utf8')) as ChunkModules)
		: {};
	if (Object.keys(modules).length === 0) {
		throw new Error(`No chunk module list at ${chunkModulesFile}: build with the bench config.`);
	}
	const precache = precacheUrls().filter((url) => existsSync(join(BUILD, url)));
	return {
		firstScreen: sizeOf(returning),
		firstVisit: sizeOf(firstVisit),
		precache: { ...sizeOf(precache), files: precache.length },
		heavyOnFirstScreen: packagesIn(firstVisit.flatMap((file) => modules[file] ?? [])),
		heavyInBuild: packagesIn(Object.values(modules).flat())
	};
}

function modulesByChunk(chunks: ChunkModules): Record<string, string[]> {
	return Object.fromEntries(
		Object.entries(chunks).map(([file, modules]) => [file, Object.keys(modules)])
	);
}

function sizeOf(files: string[]): FilesSize {
	const sizes = files.map(gzipSize);
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	return {
		files,
		gzipBytes: sum(sizes.map((s) => s.gzip)),
		rawBytes: sum(sizes.map((s) => s.raw))
	};
}
