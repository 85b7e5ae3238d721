import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { webManifest } from './src/lib/pwa/web-manifest.ts';
import { routeChunks } from './scripts/route-chunks.ts';
import { routePreload } from './scripts/route-preload.ts';
import { bundledDeckSeed } from './scripts/bundled-deck-seed.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

export default defineConfig({
	define: {
		__APP_VERSION__: JSON.stringify(process.env.ENGRAM_VERSION ?? pkg.version)
	},
	resolve: {
		// Dexie's modern build (ES2020 syntax), not the ES5 one its package hands bundlers: 1.9 KiB
		// less gzip on the first screen. Every import of 'dexie' resolves here: one Dexie in the app.
		alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }]
	},
	build: {
		// Keep deck files as their own precached assets rather than inlining them into JS.
		assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined)
	},
	// Module workers: the import worker loads sql.js and the parsers with code splitting.
	worker: { format: 'es' },
	plugins: [
		bundledDeckSeed(),
		sveltekit(),
		routeChunks(),
		routePreload(),
		SvelteKitPWA({
			// The plugin does not read svelte.config.js: tell it this is an SPA with a fallback, and
			// pin base and scope so a first visit on a deep link registers the worker with scope '/'.
			base: '/',
			scope: '/',
			registerType: 'prompt',
			injectRegister: false,
			kit: { adapterFallback: 'index.html', spa: true },
			// Our own worker (src/service-worker.ts, built by SvelteKit) so it can receive the POST
			// of the share target; Workbox injects the precache list into it.
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			manifest: webManifest,
			injectManifest: {
				// Everything the app needs on every screen, including the lazy features' WASM. Store
				// screenshots are only for install dialogs: not worth a phone's cache.
				globPatterns: ['client/**/*.{js,css,html,json,wasm,png,svg,ico,webmanifest,woff2}'],
				globIgnores: ['**/screenshots/**'],
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024
			}
		})
	],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts'],
		// CI shares two cores with a browser suite: fake-indexeddb tests that take 0.5 s idle have
		// taken over 5 s there. Speed is the benchmarks' job; a timeout here only catches hangs.
		testTimeout: 30_000
	}
});
