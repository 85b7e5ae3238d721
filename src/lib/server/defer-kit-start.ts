/**
 * SvelteKit's start script, made to wait for app.html's boot card (issue #8). SvelteKit ends the
 * page with an inline script that imports its runtime and the app and starts them at once; on a
 * cold start of `/study/<deck>` the app's modules then ran (tens of ms of main thread, and their
 * own database work) while app.html's inline script was reading and painting the boot card,
 * pushing that first card back. The rewritten script starts the app once `engramBootSettled`
 * (app.html's comment says when it resolves) has, or at once without it. It marks
 * `engram:app-start` as it does, for the e2e test and the bench.
 * The CSP allows SvelteKit's script by its hash, so the policy's hash of the old text is replaced
 * by the new text's: in the page's meta (the built page), or by `allow` in the header the dev
 * server sends instead. Throws when either is not found: a SvelteKit upgrade that writes the script
 * otherwise must fail the build, not drop the wait (or the script) silently.
 */
import { inlineScripts, scriptHash } from '../../../scripts/inline-scripts.js';

/** SvelteKit's split-bundle start (its runtime/server/page/render.js), from import to start. */
const KIT_START =
	/Promise\.all\(\[\s*import\([^()]*\),\s*import\([^()]*\)\s*\]\)\.then\(\(\[kit, app\]\) => \{\s*kit\.start\(app[^()]*\);\s*\}\);/;

const CSP_META = /<meta http-equiv="content-security-policy" content="([^"]*)">/;

export interface DeferredStart {
	/** The page, its start script waiting for the boot card and its CSP meta allowing that. */
	html: string;
	/** A policy allowing SvelteKit's start script, made to allow the new one instead. */
	allow(policy: string): string;
}

/** `html`, a page SvelteKit rendered, with its start script waiting for the boot card. */
export function deferKitStart(html: string): DeferredStart {
	const scripts = inlineScripts(html).filter((text) => KIT_START.test(text));
	if (scripts.length !== 1) {
		throw new Error(`deferKitStart: ${scripts.length} SvelteKit start scripts found, not 1`);
	}
	const old = scripts[0]!;
	const deferred = old.replace(
		KIT_START,
		(start) =>
			`(globalThis.engramBootSettled || Promise.resolve()).then(() => {\n` +
			`\t\t\t\t\t\tperformance.mark('engram:app-start');\n\t\t\t\t\t\t${start}\n\t\t\t\t\t});`
	);
	const [was, now] = [`'${scriptHash(old)}'`, `'${scriptHash(deferred)}'`];
	const allow = (policy: string) => {
		if (!policy.includes(was)) {
			throw new Error("deferKitStart: the CSP does not allow SvelteKit's start script");
		}
		return policy.replace(was, now);
	};
	const page = html
		.replace(`<script>${old}</script>`, () => `<script>${deferred}</script>`)
		.replace(CSP_META, (meta) => allow(meta));
	return { html: page, allow };
}
