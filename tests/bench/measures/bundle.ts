/**
 * (6) Bundle: the JS and CSS the first screen (Today) really loads, gzipped, and the whole
 * precache. Which library went into which chunk comes from the build's own module graph
 * (tests/bench/vite.bench.config.ts), so "sql.js is not on the first screen" is checked, not guessed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';

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

export interface BundleReport {
	firstScreen: { files: string[]; gzipBytes: number; rawBytes: number };
	precache: { files: number; gzipBytes: number; rawBytes: number };
	/** Heavy packages found in first-screen chunks (must be empty). */
	heavyOnFirstScreen: string[];
	/** Which heavy packages the build contains at all (lazy chunks). */
	heavyInBuild: string[];
}

const BUILD = 'build';

function gzipSize(file: string): { raw: number; gzip: number } {
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

async function firstScreenFiles(browser: Browser, origin: string): Promise<string[]> {
	// No worker, so every file the screen needs is a network request we can see.
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const files = new Set<string>();
	try {
		const page = await context.newPage();
		page.on('response', (response) => {
			const path = new URL(response.url()).pathname;
			if (/\.(js|css)$/.test(path)) {
				files.add(path.slice(1));
			}
		});
		await page.goto(`${origin}/`);
		await page
			.getByRole('link', { name: /^Study/ })
			.first()
			.waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle');
	} finally {
		await context.close();
	}
	return [...files].sort();
}

export async function measureBundle(
	browser: Browser,
	origin: string,
	chunkModulesFile: string
): Promise<BundleReport> {
	const files = await firstScreenFiles(browser, origin);
	const modules: Record<string, string[]> = existsSync(chunkModulesFile)
		? (JSON.parse(readFileSync(chunkModulesFile, 'utf8')) as Record<string, string[]>)
		: {};
	if (Object.keys(modules).length === 0) {
		throw new Error(`No chunk module list at ${chunkModulesFile}: build with the bench config.`);
	}
	const sizes = files.map(gzipSize);
	const precache = precacheUrls().filter((url) => existsSync(join(BUILD, url)));
	const precacheSizes = precache.map(gzipSize);
	const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
	return {
		firstScreen: {
			files,
			gzipBytes: sum(sizes.map((s) => s.gzip)),
			rawBytes: sum(sizes.map((s) => s.raw))
		},
		precache: {
			files: precache.length,
			gzipBytes: sum(precacheSizes.map((s) => s.gzip)),
			rawBytes: sum(precacheSizes.map((s) => s.raw))
		},
		heavyOnFirstScreen: packagesIn(files.flatMap((file) => modules[file] ?? [])),
		heavyInBuild: packagesIn(Object.values(modules).flat())
	};
}
