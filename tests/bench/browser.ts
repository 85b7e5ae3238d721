/**
 * The bench's browser side: the production server (one origin, hence one `engram` database, per
 * collection size), headless Chromium launched the way the e2e tests launch it, and the in-page
 * scripts bundled with esbuild.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, locateChromium } from '../../scripts/find-browser.js';
import { BASE_PORT, SERVE_PORT, SIZES } from './config';

export async function bundle(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [entry],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'es2022',
		write: false,
		minify: true,
		// The export toolkit bundles the app's own storage code, as the app's build would.
		alias: { $lib: resolve('src/lib') },
		define: { __APP_VERSION__: JSON.stringify('bench') },
		logLevel: 'silent'
	});
	return result.outputFiles[0]!.text;
}

/** With BENCH_SERVE_PORT (config.ts): each origin's port reaches the server on its own port. */
function portMap(): string[] {
	if (SERVE_PORT === BASE_PORT) {
		return [];
	}
	const rules = SIZES.map((_, i) => `MAP localhost:${BASE_PORT + i} 127.0.0.1:${SERVE_PORT + i}`);
	return [`--host-resolver-rules=${rules.join(',')}`];
}

function launchOptions() {
	const found = locateChromium();
	if (!found) {
		throw new Error(
			'No Chromium found: install one, or set CHROMIUM_PATH (see scripts/find-browser.js).'
		);
	}
	// Chromium keeps a database's files open for a few seconds after its last tab closes (then
	// runs its pre-close upkeep): a cold start within that time found the database still open,
	// one after it opened it from disk (seconds at 100,000 cards), so the runs mixed warm and
	// cold opens by chance (by the machine's load). This switch, which Chromium's own perf tests
	// use for cold opens, closes the files at once: every cold start, and the blank page, open
	// the database from disk, as after a restart of the phone.
	const args = [...chromiumArgs(), '--idb-expedite-backing-store-shutdown', ...portMap()];
	return { executablePath: found.executablePath, args, headless: true };
}

export async function launchBrowser(): Promise<{ browser: Browser; version: string }> {
	const browser = await chromium.launch(launchOptions());
	return { browser, version: browser.version() };
}

/** The same Chromium with a profile on disk (the generated collections live in it). */
export function launchPersistent(
	userDataDir: string,
	serviceWorkers: 'allow' | 'block' = 'allow'
): Promise<BrowserContext> {
	return chromium.launchPersistentContext(userDataDir, { ...launchOptions(), serviceWorkers });
}

/** The version of the Chromium a context runs in (a persistent context has no `Browser`). */
export async function chromiumVersion(context: BrowserContext): Promise<string> {
	const page = context.pages()[0] ?? (await context.newPage());
	const cdp = await context.newCDPSession(page);
	try {
		const { product } = await cdp.send('Browser.getVersion');
		return product.split('/').at(-1) ?? product;
	} finally {
		await cdp.detach();
	}
}

/**
 * The same Chromium on a new profile on disk, deleted when closed: IndexedDB as an installed app
 * has it. An incognito context keeps IndexedDB in memory, which in Chromium 150 wrote 20,000
 * records 5–12 × slower than on disk, and slower still with every database deleted in it.
 */
export async function launchScratch(serviceWorkers: 'allow' | 'block' = 'allow'): Promise<{
	context: BrowserContext;
	/** The profile directory (its processes name it on their command line: thread-cpu.ts). */
	dir: string;
	close(): Promise<void>;
}> {
	const dir = mkdtempSync(join(tmpdir(), 'engram-bench-'));
	const context = await launchPersistent(dir, serviceWorkers);
	return {
		context,
		dir,
		close: async () => {
			await context.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export interface Server {
	origin: string;
	stop(): void;
}

async function waitUntilUp(origin: string, child: ChildProcess): Promise<void> {
	for (let i = 0; i < 100; i += 1) {
		if (child.exitCode !== null) {
			throw new Error(`The server for ${origin} exited (${child.exitCode}); is the port in use?`);
		}
		try {
			if ((await fetch(origin)).ok) {
				return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`The server for ${origin} did not start.`);
}

/** scripts/serve.js on `port`, serving build/: exactly what `npm start` serves. */
export async function startServer(port: number): Promise<Server> {
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: 'ignore'
	});
	const origin = `http://localhost:${port}`;
	await waitUntilUp(origin, child);
	return { origin, stop: () => child.kill() };
}

/**
 * A page on `origin` at `path` that the app never loads (every request answered with an empty
 * document titled `title`), with `toolkit` (a bundled script) run in it: IndexedDB of the
 * origin without the app's own work beside what is measured.
 */
export async function openBlankPage(
	context: BrowserContext,
	origin: string,
	path: string,
	title: string,
	toolkit: string
): Promise<Page> {
	const page = await context.newPage();
	const body = `<!doctype html><meta charset="utf-8"><title>${title}</title>`;
	await page.route(`${origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body }));
	await page.goto(`${origin}${path}`);
	await inPage(page, toolkit);
	return page;
}

/** Runs `expression` (a string, so no Node-side compiled code leaks into the page). */
export function inPage<T>(page: Page, expression: string): Promise<T> {
	return page.evaluate(expression) as Promise<T>;
}

/** Resolves once a service worker controls the page (the first worker claims its clients). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await inPage(
		page,
		`(async () => {
			await navigator.serviceWorker.ready;
			if (!navigator.serviceWorker.controller) {
				await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
			}
		})()`
	);
}
