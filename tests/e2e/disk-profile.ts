// `test` whose `page` lives in a Chromium profile on disk, as an installed app keeps its data, for
// the tests that write tens of thousands of records. Playwright's own contexts are incognito, and
// Chromium 150 keeps an incognito context's IndexedDB in memory, where 20,000 writes took 5–12 ×
// longer than on disk: the 50,000-note import and the 100,000-card browse ran out of time there.
import { test as base } from '@playwright/test';
import { Profile } from './pwa-profile';

export const test = base.extend({
	page: async ({ playwright }, use, testInfo) => {
		const profile = new Profile(playwright, testInfo);
		const { context, page } = await profile.launch();
		try {
			await use(page);
		} finally {
			await context.close();
			profile.remove();
		}
	}
});

export { expect } from '@playwright/test';
