// The inline scripts of src/app.html and their CSP hashes. svelte.config.js adds the hashes to
// `script-src`, so the strict policy allows exactly these scripts, as written, and no other
// inline code. An inline script runs as the HTML is parsed: no request, not even one the service
// worker answers, before it (the app's first scripts waited for two such requests).
import { createHash } from 'node:crypto';

/**
 * Each `<script>` without attributes (the inline ones): its text, exactly as the page has it.
 * @param {string} html
 * @returns {string[]}
 */
export function inlineScripts(html) {
	return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1]);
}

/**
 * The `sha256-…` source for a CSP directive (SvelteKit quotes them) allowing this script text.
 * @param {string} text
 * @returns {string}
 */
export function scriptHash(text) {
	return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** `sha256-…` sources, one per inline script. */
export function inlineScriptHashes(html) {
	return inlineScripts(html).map(scriptHash);
}
