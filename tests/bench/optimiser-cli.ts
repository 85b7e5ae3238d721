/**
 * Runs the optimiser bench on its own: `npx tsx tests/bench/optimiser-cli.ts` after `npm run
 * build`. PORT (default 4206) and RUNS (default 1) from the environment. Prints the rows and runs.
 */
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { chromiumArgs, locateChromium } from '../../scripts/find-browser.js';
import { measureOptimiser } from './optimiser';

const port = Number(process.env.PORT ?? 4206);
const origin = `http://localhost:${port}`;
const server = spawn('node', ['scripts/serve.js'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
	stdio: 'ignore'
});

async function waitForServer(): Promise<void> {
	for (let i = 0; i < 100; i += 1) {
		try {
			if ((await fetch(origin)).ok) {
				return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`No server on ${origin}.`);
}

try {
	await waitForServer();
	const browser = await chromium.launch({
		executablePath: locateChromium()?.executablePath,
		args: chromiumArgs()
	});
	try {
		const rows = await measureOptimiser({
			browser,
			origins: { 0: origin },
			runs: Number(process.env.RUNS ?? 1)
		});
		console.table(rows);
		console.log(JSON.stringify(rows.runs, null, 1));
	} finally {
		await browser.close();
	}
} finally {
	server.kill();
}
