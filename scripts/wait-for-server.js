// Waits until a local server answers, for scripts that start scripts/serve.js themselves.

/** Resolves once `url` answers with any status; rejects after `timeoutMs`. */
export async function waitForServer(url, timeoutMs = 15_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			await fetch(url);
			return;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	throw new Error(`Nothing answered at ${url} within ${timeoutMs / 1000} s.`);
}
