/**
 * SvelteKit's start script rewritten at build time (src/hooks.server.ts) to wait for app.html's
 * boot card (issue #8): the app's code starts only once `engramBootSettled` has resolved (at once
 * without it), and the CSP allows the new script, not the old one: the built page's meta, or the
 * header the dev server sends.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { inlineScripts } from '../../scripts/inline-scripts.js';
import { deferKitStart } from '$lib/server/defer-kit-start';
import { handle } from '../../src/hooks.server';

const KIT = '/_app/immutable/entry/start.abc.js';
const APP = '/_app/immutable/entry/app.def.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

const BOOT = 'globalThis.engramBootSettled = Promise.resolve();';
/** SvelteKit's start script as its render.js writes it for this app (split bundle, no SSR). */
const START = `
				{
					__sveltekit_abc = {
						base: ""
					};

					const element = document.currentScript.parentElement;

					Promise.all([
						import("${KIT}"),
						import("${APP}")
					]).then(([kit, app]) => {
						kit.start(app, element);
					});
				}
			`;

function page(start = START, csp = `'self' 'sha256-${sha256(BOOT)}' 'sha256-${sha256(start)}'`) {
	return `<!doctype html><html><head><script>${BOOT}</script>
		<meta http-equiv="content-security-policy" content="default-src 'self'; script-src ${csp}; base-uri 'self'">
	</head><body><div style="display: contents"><script>${start}</script></div></body></html>`;
}

/** The page's start script, run with these globals; resolves once its imports could have run. */
async function runStart(html: string, global: { engramBootSettled?: Promise<void> }) {
	const started = vi.fn();
	const marks: string[] = [];
	const modules: Record<string, unknown> = { [KIT]: { start: started }, [APP]: { name: 'app' } };
	const element = { id: 'body' };
	const document = { currentScript: { parentElement: element } };
	const performance = { mark: (name: string) => marks.push(name) };
	// A Function body cannot import() here: `load` stands in for it.
	const text = inlineScripts(html)[1]!.replaceAll('import(', 'load(');
	const load = (url: string) => Promise.resolve(modules[url]);
	new Function('globalThis', 'document', 'performance', 'load', text)(
		global,
		document,
		performance,
		load
	);
	// Every promise reaction the script queued has run by then.
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	await settle();
	return { started, marks, element, settle };
}

describe("SvelteKit's start script, deferred", () => {
	it("starts the app only once app.html's boot script has settled", async () => {
		let settle = () => {};
		const engramBootSettled = new Promise<void>((resolve) => (settle = resolve));
		const run = await runStart(deferKitStart(page()).html, { engramBootSettled });
		expect(run.marks).toEqual([]);
		expect(run.started).not.toHaveBeenCalled();

		settle();
		await run.settle();
		expect(run.marks).toEqual(['engram:app-start']);
		expect(run.started).toHaveBeenCalledOnce();
		const [app, element] = run.started.mock.calls[0]!;
		expect(app).toEqual({ name: 'app' });
		expect(element).toBe(run.element);
	});

	it('starts the app at once when the boot script left no promise', async () => {
		const run = await runStart(deferKitStart(page()).html, {});
		expect(run.marks).toEqual(['engram:app-start']);
		expect(run.started).toHaveBeenCalledOnce();
	});

	it('allows the new script by its hash in the CSP, and no longer the old one', () => {
		const html = deferKitStart(page()).html;
		const [boot, start] = inlineScripts(html);
		expect(boot).toBe(BOOT);
		expect(start).not.toBe(START);
		const policy = /content-security-policy" content="([^"]*)"/.exec(html)![1]!;
		expect(policy).toBe(
			`default-src 'self'; script-src 'self' 'sha256-${sha256(BOOT)}' 'sha256-${sha256(start!)}'; base-uri 'self'`
		);
	});

	it("throws on a start script of another shape, or a CSP that does not allow SvelteKit's", () => {
		const other = START.replace('Promise.all([', 'Promise.allSettled([');
		expect(() => deferKitStart(page(other)).html).toThrow(/SvelteKit start scripts found/);
		expect(() => deferKitStart(page(START, "'self'")).html).toThrow(/CSP does not allow/);
	});

	it("is what the server hook renders, with the dev server's CSP header allowing it", async () => {
		const policy = `script-src 'self' 'sha256-${sha256(START)}'`;
		const transformed = { html: '' };
		const response = await handle({
			event: {} as Parameters<typeof handle>[0]['event'],
			resolve: async (_event, options) => {
				const rendered = page(START, '').replace(/<meta[^>]*>/, '');
				transformed.html = (await options!.transformPageChunk!({ html: rendered, done: true }))!;
				return new Response(transformed.html, {
					headers: { 'content-security-policy': policy }
				});
			}
		});
		const start = inlineScripts(transformed.html)[1]!;
		expect(start).toContain('engramBootSettled');
		expect(await response.text()).toBe(transformed.html);
		expect(response.headers.get('content-security-policy')).toBe(
			`script-src 'self' 'sha256-${sha256(start)}'`
		);
	});
});
