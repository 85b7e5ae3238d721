import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// A pure SPA: every route falls back to index.html, which the service worker precaches.
		adapter: adapter({ fallback: 'index.html', precompress: false, strict: true }),
		alias: { $decks: 'decks' },
		serviceWorker: { register: false }
	}
};

export default config;
