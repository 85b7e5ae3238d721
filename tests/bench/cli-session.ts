/**
 * What the bench's single-phase CLIs (cold-cli, cold-timeline, study-cpu-cli) share: one server
 * per size on BENCH_PORT and up, the page probes, a working copy of the bench's collections,
 * and closing all of it whatever the phase did.
 */
import type { BrowserContext } from '@playwright/test';
import { bundle, startServer } from './browser';
import { openCollections } from './collections';
import { ORIGINS, SERVE_PORT, SIZES } from './config';

export interface BenchServers {
	origins: string[];
	probes: string;
	stop(): void;
}

/** The servers and probes, before the collections open (a phase may measure in between). */
export async function serveSizes(): Promise<BenchServers> {
	const probes = await bundle('tests/bench/page/probes.ts');
	const servers = await Promise.all(SIZES.map((_, i) => startServer(SERVE_PORT + i)));
	return {
		// The collections' origins: with BENCH_SERVE_PORT, Chromium maps them to the servers.
		origins: ORIGINS,
		probes,
		stop: () => servers.forEach((server) => server.stop())
	};
}

/** Runs `phase` in the collections' context, then closes the context and stops the servers. */
export async function inCollections(
	served: BenchServers,
	log: (message: string) => void,
	phase: (context: BrowserContext, profile: string) => Promise<void>
): Promise<void> {
	try {
		const { context, profile } = await openCollections(SIZES, served.origins, served.probes, log);
		try {
			await phase(context, profile);
		} finally {
			await context.close();
		}
	} finally {
		served.stop();
	}
}

/** A line of the bench's log, stamped with the time of day (UTC). */
export const benchLog = (message: string): void =>
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** A CLI's entry: its error's message and exit code 1, not a stack trace from tsx. */
export function runCli(main: () => Promise<void>): void {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
