// Proves the layout keeps clear of a phone's notch, rounded corners and home indicator: with
// safe-area insets emulated by Chromium (CDP Emulation.setSafeAreaInsetsOverride), the header
// moves down by the top inset, the tab bar's links and the study screen's buttons move up by the
// bottom inset, and the content moves in by the side insets. Fails if the CSS stops using env().
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID } from './fixtures';

const INSETS = { top: 47, right: 13, bottom: 34, left: 11 };

async function emulateInsets(page: Page, insets: typeof INSETS): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	// Not in Playwright's protocol types yet (Chromium 136+), hence the casts.
	await cdp.send('Emulation.setSafeAreaInsetsOverride' as never, { insets } as never);
}

/** The box of the first visible element matching the selector (the tab bar or the wide nav). */
function box(page: Page, selector: string) {
	return page.evaluate((css) => {
		const el = [...document.querySelectorAll<HTMLElement>(css)].find(
			(e) => e.getClientRects().length > 0
		);
		if (!el) {
			throw new Error(`Nothing visible matches ${css}`);
		}
		const { top, right, bottom, left } = el.getBoundingClientRect();
		return { top, right, bottom, left };
	}, selector);
}

test.beforeEach(async ({ page }) => {
	// Phone width on both projects, so the bottom tab bar is the one shown.
	await page.setViewportSize({ width: 360, height: 700 });
});

test('the page asks to cover the whole screen (viewport-fit=cover)', async ({ page }) => {
	await page.goto('/');
	await expect(page.locator('meta[name="viewport"]')).toHaveAttribute(
		'content',
		/viewport-fit=cover/
	);
});

test('Today: header, content and tab bar keep inside the safe area', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
	const measure = async () => ({
		brand: await box(page, 'header a[href="/"]'),
		content: await box(page, 'main > :first-child'),
		tab: await box(page, 'nav.tabs a'),
		lastTab: await box(page, 'nav.tabs a:last-child')
	});
	const before = await measure();
	await emulateInsets(page, INSETS);
	await expect
		.poll(async () => (await box(page, 'header a[href="/"]')).top)
		.toBeCloseTo(before.brand.top + INSETS.top, 0);
	const after = await measure();
	expect(after.brand.left).toBeCloseTo(before.brand.left + INSETS.left, 0);
	expect(after.content.left).toBeCloseTo(before.content.left + INSETS.left, 0);
	expect(after.content.right).toBeCloseTo(before.content.right - INSETS.right, 0);
	// The tab bar grows by the bottom inset: its links sit above the home indicator.
	expect(after.tab.bottom).toBeCloseTo(before.tab.bottom - INSETS.bottom, 0);
	expect(after.tab.left).toBeCloseTo(before.tab.left + INSETS.left, 0);
	expect(after.lastTab.right).toBeCloseTo(before.lastTab.right - INSETS.right, 0);
});

test('Study: the buttons in the thumb zone sit above the home indicator', async ({ page }) => {
	await page.goto(`/study/${BUNDLED_DECK_ID}`);
	const show = page.getByRole('button', { name: 'Show answer' });
	await expect(show).toBeVisible();
	const before = (await show.boundingBox())!;
	await emulateInsets(page, INSETS);
	await expect
		.poll(async () => (await show.boundingBox())!.y + (await show.boundingBox())!.height)
		.toBeCloseTo(before.y + before.height - INSETS.bottom, 0);
	await show.click();
	const good = page.getByRole('button', { name: /^Good/ });
	await expect(good).toBeVisible();
	// The grade buttons take the place of Show answer, the same inset above the bottom.
	const grade = (await good.boundingBox())!;
	expect(grade.y + grade.height).toBeCloseTo(before.y + before.height - INSETS.bottom, 0);
});
