/**
 * Awaits `task` and records its duration as a User Timing measure (`engram:<name>`), which
 * `npm run bench` and the browser's performance panel read. Cheap: one entry per call.
 */
export async function timed<T>(name: string, task: () => Promise<T>): Promise<T> {
	const start = performance.now();
	const result = await task();
	performance.measure(`engram:${name}`, { start });
	return result;
}
