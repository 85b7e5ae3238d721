// Keeps Chromium's install offer (beforeinstallprompt) until the app's code has loaded: on a
// load served by the service worker Chromium can offer it before the app's modules run, and
// it offers only once per page load. src/lib/state/pwa.svelte.ts takes it from here.
// A file, not an inline script, so the strict Content-Security-Policy allows it.
addEventListener('beforeinstallprompt', (event) => {
	event.preventDefault();
	window.engramInstallOffer = event;
});
