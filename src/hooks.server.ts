// Runs when adapter-static renders the SPA's fallback page at build time, and on the dev server:
// SvelteKit's start script waits for app.html's boot card (src/lib/server/defer-kit-start.ts).
import type { Handle } from '@sveltejs/kit';
import { deferKitStart } from '$lib/server/defer-kit-start';

export const handle: Handle = async ({ event, resolve }) => {
	let allow: ((policy: string) => string) | undefined;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => {
			const deferred = deferKitStart(html);
			allow = deferred.allow;
			return deferred.html;
		}
	});
	// The dev server sends the policy as a header (the built page has it in its meta).
	const policy = response.headers.get('content-security-policy');
	if (allow && policy) {
		response.headers.set('content-security-policy', allow(policy));
	}
	return response;
};
