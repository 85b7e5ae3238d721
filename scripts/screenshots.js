#!/usr/bin/env node
// Takes the store screenshots named in the web manifest (static/screenshots/) from the real app:
// Today and a card being studied, at phone (narrow) and desktop (wide) sizes. Run after a build:
// `npm run build && node scripts/screenshots.js`, then rebuild so build/ has them.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromiumArgs, locateChromium } from './find-browser.js';
import { waitForServer } from './wait-for-server.js';

const port = Number(process.env.PORT ?? 4179);
const origin = `http://localhost:${port}`;
const SIZES = {
	narrow: { viewport: { width: 412, height: 915 }, deviceScaleFactor: 2, isMobile: true },
	wide: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false }
};

async function shoot(browser, formFactor) {
	const context = await browser.newContext({ ...SIZES[formFactor], colorScheme: 'light' });
	const page = await context.newPage();
	await page.goto(`${origin}/`);
	await page
		.getByRole('link', { name: /^Study/ })
		.first()
		.waitFor();
	await page.screenshot({ path: `static/screenshots/today-${formFactor}.png` });
	await page
		.getByRole('link', { name: /^Study/ })
		.first()
		.click();
	await page.getByRole('button', { name: 'Show answer' }).click();
	await page.getByRole('button', { name: /^Good/ }).waitFor();
	await page.screenshot({ path: `static/screenshots/study-${formFactor}.png` });
	await context.close();
}

mkdirSync('static/screenshots', { recursive: true });
const server = spawn('node', ['scripts/serve.js'], {
	env: { ...process.env, PORT: String(port) },
	stdio: 'ignore'
});
try {
	await waitForServer(origin);
	const browser = await chromium.launch({
		executablePath: locateChromium()?.executablePath,
		args: chromiumArgs()
	});
	await shoot(browser, 'narrow');
	await shoot(browser, 'wide');
	await browser.close();
	console.log('Wrote static/screenshots/{today,study}-{narrow,wide}.png');
} finally {
	server.kill();
}
