// A real, on-disk browser profile for the tests that need one: Playwright's own contexts are
// incognito, where Chromium neither offers nor allows installation, and they do not survive a
// restart. The profile gets the project's device (viewport, touch, user agent) and base URL.
import type {
	BrowserContext,
	CDPSession,
	Page,
	PlaywrightWorkerArgs,
	TestInfo
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Profile {
	readonly dir = mkdtempSync(join(tmpdir(), 'engram-profile-'));

	constructor(
		private readonly playwright: PlaywrightWorkerArgs['playwright'],
		private readonly testInfo: TestInfo
	) {}

	/** Starts Chromium on this profile; `offline` starts it with no network. */
	async launch(offline = false): Promise<{ context: BrowserContext; page: Page }> {
		const {
			launchOptions,
			defaultBrowserType: _browser,
			trace: _trace,
			screenshot: _screenshot,
			...device
		} = this.testInfo.project.use;
		const context = await this.playwright.chromium.launchPersistentContext(this.dir, {
			...launchOptions,
			...device,
			offline
		});
		return { context, page: context.pages()[0] ?? (await context.newPage()) };
	}

	remove(): void {
		rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Installs the app from `page` the way DevTools' "Install" does (CDP `PWA.install`). */
export async function installApp(page: Page): Promise<{ cdp: CDPSession; manifestId: string }> {
	const cdp = await page.context().newCDPSession(page);
	const { appId } = await cdp.send('Page.getAppId');
	const manifestId = appId ?? new URL('/', page.url()).href;
	await cdp.send('PWA.install', { manifestId });
	return { cdp, manifestId };
}
