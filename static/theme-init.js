// Applies the stored theme before the first paint (see src/lib/state/theme.svelte.ts).
// A file, not an inline script, so the strict Content-Security-Policy allows it.
try {
	const theme = localStorage.getItem('engram-theme');
	if (theme === 'light' || theme === 'dark') {
		document.documentElement.dataset.theme = theme;
	}
} catch {
	// Storage blocked (private mode): keep following the system theme.
}
