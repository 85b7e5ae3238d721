/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Engram's service worker: precaches the whole build (Workbox injects the list at build time),
 * answers every navigation with the app shell, receives shared text and files (the manifest's
 * share_target posts here), and waits for the user before a new version takes over.
 */
import { cacheNames, clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute,
	type PrecacheEntry
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { SHARE_TARGET_PATH, stashShared } from './lib/pwa/share-inbox';

// This file is type-checked on its own with the webworker lib (tsconfig.sw.json, `npm run check`):
// SvelteKit's generated tsconfig leaves it out of svelte-check, whose lib is the DOM.
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

/** The static routing API (Chromium 123+), not yet in TypeScript's webworker lib. */
interface RouterRule {
	condition: { urlPattern: string; requestMethod?: string };
	source: 'cache' | 'network' | 'fetch-event' | { cacheName: string };
}

// The app's hashed files (never changed under one URL) are answered from the precache by the
// browser itself, without running this worker's fetch handler: a cold start requests a dozen of
// them at once and each waited its turn on the worker's one thread (tens of ms each on a busy
// phone). Workbox keys files without a revision by their plain URL, so the browser finds them; a
// file missing from the cache goes to the network, as Workbox's handler would send it.
self.addEventListener('install', (event) => {
	const install = event as ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };
	const rules: RouterRule[] = [
		{
			condition: { urlPattern: '/_app/immutable/*', requestMethod: 'GET' },
			source: { cacheName: cacheNames.precache }
		}
	];
	event.waitUntil(
		(async () => {
			try {
				await install.addRoutes?.(rules);
			} catch (error) {
				// A browser without this form of the API: the fetch handler answers, as before.
				console.warn('Static routes not added:', error);
			}
		})()
	);
});

// Workbox replaces `self.__WB_MANIFEST` with the list of built files at build time.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every route is rendered in the browser: navigations get the precached SPA shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

registerRoute(
	({ url }) => url.pathname === SHARE_TARGET_PATH,
	async ({ request }) => Response.redirect(await stashShared(await request.formData()), 303),
	'POST'
);

// The first worker controls the page at once, so a first visit is already offline-ready. Later
// versions wait until the page asks (src/lib/pwa/register-worker.ts sends SKIP_WAITING).
clientsClaim();
self.addEventListener('message', (event) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') {
		void self.skipWaiting();
	}
});
