import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, locateChromium } from './scripts/find-browser.js';

// scripts/e2e.js installs a browser when none is found; here we only locate it.
const browser = locateChromium();
const port = Number(process.env.E2E_PORT ?? 4174);
const launchOptions = { executablePath: browser?.executablePath, args: chromiumArgs() };

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: process.env.CI ? 1 : 0,
	// A test's own time limit, not a speed check (`npm run bench` judges speed): CI's 2 shared
	// cores ran at a load of 20–27 in the session-12 rehearsal, where the two-device backup tests
	// took 36–56 s on the phone project.
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [
		['list'],
		['json', { outputFile: process.env.PW_JSON_OUTPUT ?? 'tests/.results/e2e.json' }]
	],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'Desktop Chrome', use: { ...devices['Desktop Chrome'], launchOptions } },
		{ name: 'Pixel 7', use: { ...devices['Pixel 7'], launchOptions } }
	],
	webServer: {
		command: 'node scripts/serve.js',
		env: { PORT: String(port), HOST: '127.0.0.1' },
		url: `http://localhost:${port}/`,
		reuseExistingServer: false,
		timeout: 30_000
	}
});
