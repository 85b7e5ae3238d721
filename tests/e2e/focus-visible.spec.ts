// Proves keyboard focus is always visible: tabbing through each main screen, every control that
// takes focus draws an indicator it did not have unfocused (an outline or a box shadow), at least
// 2 px wide, and with at least 3:1 contrast against the background around it (WCAG 1.4.11).
import { expect, test, type Page } from '@playwright/test';
import {
	BROWSE,
	DECK_OPTIONS,
	SETTINGS,
	STATS,
	STUDY_BACK,
	STUDY_FRONT,
	type Screen
} from './screens';

/** How many Tab presses each screen gets at most: enough to reach its main controls. */
const MAX_TABS = 40;

const SCREENS: Screen[] = [
	{
		name: 'today',
		path: '/',
		ready: (page) => expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible()
	},
	STUDY_FRONT,
	STUDY_BACK,
	{
		name: 'edit-note-dialog',
		path: '/browse',
		ready: async (page) => {
			await page
				.getByRole('button', { name: /^Edit note: / })
				.first()
				.click();
			await expect(page.getByRole('dialog', { name: 'Edit note' })).toBeVisible();
		}
	},
	BROWSE,
	{
		name: 'add',
		path: '/add',
		ready: (page) => expect(page.getByLabel('Note type')).toBeVisible()
	},
	STATS,
	SETTINGS,
	DECK_OPTIONS,
	{
		name: 'import',
		path: '/import',
		ready: (page) => expect(page.getByRole('heading', { name: 'Import a deck' })).toBeVisible()
	},
	{
		name: 'new-deck',
		path: '/new',
		ready: (page) => expect(page.getByRole('heading', { name: 'New deck from text' })).toBeVisible()
	},
	{
		name: 'export',
		path: '/export',
		ready: (page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	}
];

/** Remembers every element's outline and shadow before anything has focus. */
function recordUnfocused(page: Page): Promise<void> {
	return page.evaluate(() => {
		// A dialog may have focused its first control: Tab starts again from the dialog itself.
		(document.activeElement as HTMLElement | null)?.blur();
		const styles = new Map<Element, string>();
		for (const el of document.querySelectorAll('*')) {
			const s = getComputedStyle(el);
			styles.set(el, `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`);
		}
		Object.assign(window, { unfocused: styles, visited: new Set<Element>() });
	});
}

/**
 * What is wrong with the focused element's indicator, or undefined when it is fine (or when
 * nothing but the page has focus). Colours go through a canvas, which reads any CSS colour.
 */
function focusProblem(
	page: Page
): Promise<{ name: string; again: boolean; problem?: string } | undefined> {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) {
			return undefined;
		}
		const { unfocused, visited } = window as unknown as {
			unfocused: Map<Element, string>;
			visited: Set<Element>;
		};
		const again = visited.has(el);
		visited.add(el);
		const name = `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}”`;
		const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
		const rgba = (css: string) => {
			ctx.clearRect(0, 0, 1, 1);
			ctx.fillStyle = css;
			ctx.fillRect(0, 0, 1, 1);
			return [...ctx.getImageData(0, 0, 1, 1).data] as [number, number, number, number];
		};
		const luminance = ([r, g, b]: number[]) => {
			const lin = (c: number) => {
				const v = c / 255;
				return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
			};
			return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
		};
		const contrast = (a: number[], b: number[]) => {
			const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
			return (hi! + 0.05) / (lo! + 0.05);
		};
		// Some controls show their focus on another element: a grid on its active row
		// (aria-activedescendant), a file input laid invisibly over its label on the label.
		const activeId = el.getAttribute('aria-activedescendant');
		const shown =
			(activeId ? document.getElementById(activeId) : null) ??
			(getComputedStyle(el).opacity === '0' ? el.closest('label') : null) ??
			el;
		/** The first opaque background behind the indicator (outlines draw outside it). */
		const background = () => {
			for (let node = shown.parentElement; node; node = node.parentElement) {
				const colour = rgba(getComputedStyle(node).backgroundColor);
				if (colour[3] > 0) {
					return colour;
				}
			}
			return rgba(getComputedStyle(document.documentElement).backgroundColor);
		};
		const s = getComputedStyle(shown);
		const now = `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor} | ${s.boxShadow}`;
		const before = unfocused.get(shown);
		if (!el.matches(':focus-visible')) {
			return { name, again, problem: 'does not match :focus-visible' };
		}
		if (before === now) {
			return { name, again, problem: `looks the same focused and unfocused (${now})` };
		}
		const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
		const colour = outline ? rgba(s.outlineColor) : undefined;
		if (colour && colour[3] > 0) {
			const ratio = contrast(colour, background());
			return ratio >= 3
				? { name, again }
				: { name, again, problem: `outline contrast ${ratio.toFixed(2)}:1` };
		}
		// A ring drawn as a box shadow: its colour is the first colour in the shadow list.
		const shadow = /^(rgba?\([^)]*\)|color\([^)]*\)|oklab\([^)]*\)|oklch\([^)]*\))/.exec(
			s.boxShadow
		)?.[1];
		if (!shadow || s.boxShadow === 'none') {
			return { name, again, problem: `no outline or shadow (${now})` };
		}
		const ratio = contrast(rgba(shadow), background());
		return ratio >= 3
			? { name, again }
			: { name, again, problem: `focus shadow contrast ${ratio.toFixed(2)}:1` };
	});
}

for (const theme of ['light', 'dark'] as const) {
	test(`tabbing shows a visible focus indicator on every control (${theme})`, async ({ page }) => {
		test.setTimeout(120_000);
		await page.addInitScript((value) => localStorage.setItem('engram-theme', value), theme);
		const problems: string[] = [];
		for (const screen of SCREENS) {
			await page.goto(screen.path);
			await screen.ready(page);
			await recordUnfocused(page);
			let reached = 0;
			for (let i = 0; i < MAX_TABS; i++) {
				await page.keyboard.press('Tab');
				const result = await focusProblem(page);
				// Once focus comes round to a control it has visited, the screen is done.
				if (result?.again) {
					break;
				}
				if (result?.problem) {
					problems.push(`${screen.name}: ${result.name} ${result.problem}`);
				}
				reached += result ? 1 : 0;
			}
			expect(reached, `${screen.name}: controls reached by Tab`).toBeGreaterThan(3);
		}
		expect(problems).toEqual([]);
	});
}

test('the check notices controls whose focus is not drawn', async ({ page }) => {
	await page.goto('/');
	await SCREENS[0]!.ready(page);
	// What a stylesheet that drops focus rings would do.
	await page.addStyleTag({
		content:
			'*:focus-visible, *:focus-within { outline: none !important; box-shadow: none !important; }'
	});
	await recordUnfocused(page);
	const problems: string[] = [];
	for (let i = 0; i < 3; i++) {
		await page.keyboard.press('Tab');
		const result = await focusProblem(page);
		if (result?.problem) {
			problems.push(result.problem);
		}
	}
	expect(problems).toHaveLength(3);
	expect(problems[0]).toMatch(/^looks the same focused and unfocused/);
});
