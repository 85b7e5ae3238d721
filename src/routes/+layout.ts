import { browser } from '$app/environment';
import { collection } from '$lib/state/collection.svelte';

// A pure client-side app: no server rendering, every route resolved in the browser.
export const ssr = false;
export const prerender = false;

// Open the database now, while the router still loads the route's code, rather than after the
// first render: on a cold start the two overlap instead of running one after the other.
if (browser) {
	void collection.open();
}
