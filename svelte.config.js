import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { inlineScriptHashes } from './scripts/inline-scripts.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A pure SPA: every route falls back to index.html, which the service worker precaches.
		// ENGRAM_BUILD_DIR lets the update test build two versions side by side (scripts/serve.js
		// reads the same variable).
		adapter: adapter({
			pages: process.env.ENGRAM_BUILD_DIR ?? 'build',
			assets: process.env.ENGRAM_BUILD_DIR ?? 'build',
			fallback: 'index.html',
			precompress: false,
			strict: true
		}),
		alias: { $decks: 'decks' },
		// @vite-pwa/sveltekit registers src/service-worker.ts itself (see src/lib/state/pwa.svelte.ts).
		serviceWorker: { register: false },
		// No inline script and nothing from elsewhere: SvelteKit hashes its own boot script, and
		// app.html's own inline script is allowed by its hash (scripts/inline-scripts.js).
		// 'wasm-unsafe-eval' lets sql.js (Anki import) and fsrs-browser (optimiser) compile their
		// WASM; it does not allow eval. Styles allow 'unsafe-inline' for Svelte's transitions.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': [
					'self',
					'wasm-unsafe-eval',
					...inlineScriptHashes(readFileSync(new URL('./src/app.html', import.meta.url), 'utf8'))
				],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
