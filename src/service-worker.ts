/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Engram's service worker: precaches the whole build (Workbox injects the list at build time),
 * answers every navigation with the app shell, receives shared text and files (the manifest's
 * share_target posts here), and waits for the user before a new version takes over.
 */
import { clientsClaim } from 'workbox-core';
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
