// Finds a Chromium for the end-to-end tests, in this order: CHROMIUM_PATH, Playwright's own
// browser, the system's chromium. With { install: true } it tries to install one when none is
// found: `npx playwright install chromium`, then (root on Debian/Ubuntu) `apt-get install chromium`.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** @returns {{ executablePath: string | undefined, source: string } | undefined} */
export function locateChromium() {
	const fromEnv = process.env.CHROMIUM_PATH;
	if (fromEnv) {
		if (!existsSync(fromEnv)) {
			throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.`);
		}
		return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
	}
	const own = playwrightChromium();
	if (own) {
		// undefined lets Playwright launch its own build the usual way.
		return { executablePath: undefined, source: `Playwright's chromium (${own})` };
	}
	const system = SYSTEM_PATHS.find((path) => existsSync(path));
	return system ? { executablePath: system, source: system } : undefined;
}

function playwrightChromium() {
	try {
		const require = createRequire(import.meta.url);
		const { chromium } = require('playwright-core');
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

function tryRun(command) {
	try {
		execSync(command, { stdio: 'inherit', timeout: 15 * 60_000 });
		return true;
	} catch {
		return false;
	}
}

function isDebianLike() {
	return existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
}

/** Installs a Debian package when this is Debian and we are root; true when apt-get succeeded. */
export function installDebianPackage(name) {
	if (process.getuid?.() !== 0 || !isDebianLike()) {
		return false;
	}
	console.log(`Trying \`apt-get install -y ${name}\`…`);
	tryRun('apt-get update -qq');
	return tryRun(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${name}`);
}

/** Finds a Chromium, installing one if it can; throws with what to install when it cannot. */
export function ensureChromium() {
	const found = locateChromium();
	if (found) {
		return found;
	}
	console.log('No Chromium found: trying `npx playwright install chromium`…');
	if (tryRun('npx playwright install chromium')) {
		const installed = locateChromium();
		if (installed) {
			return installed;
		}
	}
	if (installDebianPackage('chromium')) {
		const installed = locateChromium();
		if (installed) {
			return installed;
		}
	}
	throw new Error(
		'No Chromium browser found for the end-to-end tests. Install one with ' +
			'`npx playwright install chromium`, or `sudo apt-get install chromium` on Debian/Ubuntu, ' +
			'or set CHROMIUM_PATH to a Chromium or Chrome executable.'
	);
}

/** Flags for running in containers and closed networks; --no-sandbox only as root. */
export function chromiumArgs() {
	const args = [
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-quic'
	];
	if (process.getuid?.() === 0) {
		args.unshift('--no-sandbox');
	}
	return args;
}
