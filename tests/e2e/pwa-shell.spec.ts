// Proves the shell around the app: the worker precaches every built file exactly once (lazy WASM
// included, no file twice under two names), the Content-Security-Policy blocks inline script
// while the app runs without a single violation, and the offline badge tells the truth.
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { answerGood, press } from './fixtures';

const BUILD = 'build';

function builtFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? builtFiles(path) : [relative(BUILD, path)];
	});
}

/** One chunk emitted by the page's build and by the workers' build: same name, one in each. */
function sameChunkInBothBuilds(a: string, b: string): boolean {
	const [page, worker] = [a, b].toSorted();
	return (
		page?.startsWith('_app/immutable/chunks/') === true &&
		worker === page.replace('_app/immutable/chunks/', '_app/immutable/workers/chunks/')
	);
}

/** The list Workbox injected into the worker. */
function precacheList(): string[] {
	const worker = readFileSync(join(BUILD, 'service-worker.js'), 'utf8');
	const list = /\[\{"revision":.*?\}\]/.exec(worker)?.[0];
	expect(list, 'the precache manifest in service-worker.js').toBeTruthy();
	return (JSON.parse(list ?? '[]') as { url: string }[]).map((entry) => entry.url);
}

test('the worker precaches every built file once', async ({ isMobile }) => {
	test.skip(isMobile, 'reads the build folder: the same for every device');
	const precached = precacheList();
	expect(precached.length).toBe(new Set(precached).size);

	// Store screenshots are only for install dialogs; the worker is not its own asset.
	const needed = builtFiles(BUILD).filter(
		(file) => !file.startsWith('screenshots/') && file !== 'service-worker.js'
	);
	expect(precached.toSorted()).toEqual(needed.toSorted());

	// Vite can emit the same WASM once per importing bundle under two hashes: no content twice.
	// The one exception is a chunk both builds emit under the same content-hashed name (the
	// bundler's runtime helpers, in the page's chunks/ and the workers' workers/chunks/): the page
	// and its workers are separate builds that cannot share a file, and each needs its own.
	const seen = new Map<string, string>();
	for (const file of precached) {
		const hash = createHash('sha256')
			.update(readFileSync(join(BUILD, file)))
			.digest('hex');
		const twin = seen.get(hash);
		if (twin === undefined || !sameChunkInBothBuilds(file, twin)) {
			expect(twin, `${file} has the same content as ${twin}`).toBeUndefined();
		}
		seen.set(hash, file);
	}
});

test('the CSP blocks inline script and the app runs without a violation', async ({
	page,
	isMobile
}) => {
	await page.addInitScript(() => {
		const log: string[] = [];
		(window as { cspViolations?: string[] }).cspViolations = log;
		document.addEventListener('securitypolicyviolation', (e) =>
			log.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	await page.goto('/');
	const policy = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	const scriptSrc = policy?.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
	expect(scriptSrc).not.toContain('unsafe-inline');
	expect(scriptSrc).not.toContain("'unsafe-eval'");
	// Every inline script of the page (app.html's, which runs before this meta policy is read, and
	// SvelteKit's) is allowed by its hash: the same policy sent as a header allows them too.
	const inlineHashes = await page.evaluate(() =>
		Promise.all(
			[...document.scripts]
				.filter((script) => !script.src)
				.map(async (script) => {
					const bytes = new TextEncoder().encode(script.textContent);
					const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
					return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
				})
		)
	);
	expect(inlineHashes).toHaveLength(2);
	for (const hash of inlineHashes) {
		expect(scriptSrc).toContain(hash);
	}
	// SvelteKit's, as src/hooks.server.ts rewrote it (to wait for app.html's boot card): its hash
	// replaced the one of the text SvelteKit wrote, none left over.
	expect(scriptSrc.match(/'sha256-/g)).toHaveLength(2);
	const kitStart = page.locator('body script:not([src])');
	expect(await kitStart.textContent()).toContain('engramBootSettled');

	await press(page.getByRole('link', { name: /^Study/ }).first(), isMobile);
	await answerGood(page, isMobile);
	await expect(page.getByText('1 answered')).toBeVisible();
	const violations = () =>
		page.evaluate(() => (window as { cspViolations?: string[] }).cspViolations);
	expect(await violations()).toEqual([]);

	// What a malicious deck would try: a script element with inline code.
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.inlineRan = true';
		document.body.append(script);
	});
	expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
	await expect.poll(violations).toEqual([expect.stringMatching(/^script-src/)]);
});

test('the offline badge shows only while the network is really gone', async ({ page, context }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	const badge = page.getByRole('status').getByText('Offline');
	await expect(badge).toHaveCount(0);
	await context.setOffline(true);
	await expect(badge).toBeVisible();
	await context.setOffline(false);
	await expect(badge).toHaveCount(0);
});
