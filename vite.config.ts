import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

export default defineConfig({
	define: {
		__APP_VERSION__: JSON.stringify(process.env.ENGRAM_VERSION ?? pkg.version)
	},
	build: {
		// Keep deck files as their own precached assets rather than inlining them into JS.
		assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined)
	},
	// Module workers: the import worker loads sql.js and the parsers with code splitting.
	worker: { format: 'es' },
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// The plugin does not read svelte.config.js: tell it this is an SPA with a fallback, and
			// pin base and scope so a first visit on a deep link registers /sw.js with scope '/'.
			base: '/',
			scope: '/',
			registerType: 'prompt',
			injectRegister: false,
			kit: { adapterFallback: 'index.html', spa: true },
			manifest: {
				name: 'Engram — spaced repetition',
				short_name: 'Engram',
				description: 'Offline-first flashcards scheduled with FSRS.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				theme_color: '#1f3a5f',
				background_color: '#fbfaf7',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,html,json,wasm,png,svg,ico,webmanifest,woff2}'],
				maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
				navigateFallback: '/index.html',
				cleanupOutdatedCaches: true,
				// The first worker takes control at once, so a first visit is already offline-ready;
				// later versions still wait for the user (registerType: 'prompt').
				clientsClaim: true
			}
		})
	],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts']
	}
});
