// The checks every screen must pass, shared by the accessibility specs: axe (no serious or
// critical violations) in both themes, nothing scrolling sideways, and, at 360 px wide, touch
// targets of at least 44 px. Pixel 7 screenshots of each state are saved for a person to look at.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const THEMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEMES)[number];

/** Axe's serious and critical findings on the page as it is, one line per rule. */
export async function seriousViolations(page: Page): Promise<string[]> {
	await animationsSettled(page);
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** How far the page scrolls sideways (0 when it does not). */
export function sidewaysScroll(page: Page): Promise<number> {
	return page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
}

/** Visible buttons, button links, tab links and selects smaller than 44 × 44 px. */
export function smallTouchTargets(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, a.button, nav a, select, summary')]
			.filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.height < 44 || box.width < 44))
			.map(
				({ el, box }) =>
					`${el.textContent?.trim() || el.getAttribute('aria-label')} ${box.width}x${box.height}`
			)
	);
}

/**
 * Switches the theme the way the app's theme setting does (the `data-theme` attribute on the
 * root), for states that take too long to set up twice. Motion is turned off first, so no colour
 * is read halfway through a transition.
 */
export async function applyTheme(page: Page, theme: ThemeName): Promise<void> {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
	await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/**
 * Waits for the finite animations already running (a dialog fading in, a toast sliding up) to
 * end: turning motion off does not stop one that has started, and axe reading colours halfway
 * through a fade reports contrast the user never sees once it has settled.
 */
export async function animationsSettled(page: Page): Promise<void> {
	await page.waitForFunction(() =>
		document
			.getAnimations()
			.filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
			.every((a) => a.playState !== 'running')
	);
}

/**
 * Every check on the state the page is in: axe in both themes, no sideways scroll, then the
 * same at 360 × 640 with touch targets measured. The viewport is put back afterwards.
 */
export async function checkScreenState(page: Page, name: string, isMobile: boolean): Promise<void> {
	for (const theme of THEMES) {
		await applyTheme(page, theme);
		expect(await seriousViolations(page), `${name} (${theme})`).toEqual([]);
		expect(await sidewaysScroll(page), `${name} (${theme})`).toBeLessThanOrEqual(0);
		if (isMobile) {
			await page.screenshot({ path: `test-results/screenshots/${name}-${theme}.png` });
		}
	}
	const viewport = page.viewportSize();
	await page.setViewportSize({ width: 360, height: 640 });
	// Charts measure their width with a ResizeObserver: give them the frames to redraw.
	await expect.poll(() => sidewaysScroll(page), `${name} at 360 px`).toBeLessThanOrEqual(0);
	expect(await smallTouchTargets(page), `${name} at 360 px`).toEqual([]);
	if (viewport) {
		await page.setViewportSize(viewport);
	}
}
