#!/usr/bin/env node
// Runs the end-to-end tests: finds (or installs) a Chromium, builds the production app, then
// runs Playwright on both projects. Extra arguments go to `playwright test`.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './find-browser.js';

function run(command, args) {
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		shell: process.platform === 'win32'
	});
	return result.status ?? 1;
}

try {
	const browser = ensureChromium();
	console.log(`Using ${browser.source}`);
	if (browser.executablePath) {
		process.env.CHROMIUM_PATH = browser.executablePath;
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}

if (!process.env.E2E_SKIP_BUILD && run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) {
	console.error('The production build failed.');
	process.exit(1);
}
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)]));
