// A cold start of the study screen paints its first card from app.html's boot script, before the
// app's code has run (issue #8): the card the app then shows, not interactive and hidden from
// assistive tech until the app's own card (with Show answer) replaces it. A write that changes
// which card comes first drops it, and a deck's markup paints no script there either.
import { expect, test, type Page } from '@playwright/test';
import { BUNDLED_DECK_ID, answerGood, press, putRecords, readStore } from './fixtures';
import { question } from './study-helpers';

const STUDY = `/study/${BUNDLED_DECK_ID}`;

// page.route sees the app's scripts only when no service worker serves them.
test.use({ serviceWorkers: 'block' });

test.beforeEach(async ({ page }) => {
	// Every boot card the page ever shows, by card id, whenever it was painted.
	await page.addInitScript(() => {
		const seen: string[] = [];
		(globalThis as unknown as { bootCards: string[] }).bootCards = seen;
		new MutationObserver(() => {
			const card = document.querySelector<HTMLElement>('.boot-card');
			const id = card?.dataset.cardId;
			if (id && !seen.includes(id)) {
				seen.push(id);
			}
		}).observe(document, { childList: true, subtree: true });
	});
});

/** The id of the card the study screen shows. */
function shownCard(page: Page): Promise<string | null> {
	return page.locator('article[data-card-id]').getAttribute('data-card-id');
}

/** The card the resume snapshot names (undefined: none kept). */
function keptCard(page: Page): Promise<string | undefined> {
	return page.evaluate(
		() =>
			(JSON.parse(localStorage.getItem('engram-resume') ?? 'null') as { cardId: string } | null)
				?.cardId
	);
}

/** Opens the study screen with the app's code held back; returns its release. */
async function reloadHeld(page: Page): Promise<() => void> {
	let release: () => void = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(STUDY, { waitUntil: 'commit' });
	return release;
}

/** When a reload's boot card was painted (the frame's time), databases opened, CSP violations. */
interface ColdStart {
	frame: number;
	opens: number[];
	violations: string[];
}

function bootCards(page: Page): Promise<string[]> {
	return page.evaluate(() => (globalThis as unknown as { bootCards: string[] }).bootCards);
}

async function studyShown(page: Page): Promise<string> {
	await page.goto(STUDY);
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible();
	const id = (await shownCard(page))!;
	await expect.poll(() => keptCard(page)).toBe(id);
	return id;
}

test('a reload paints the first card before the app runs, then the app shows it', async ({
	page
}) => {
	const first = await studyShown(page);
	const text = (await question(page).innerText()).trim();

	const release = await reloadHeld(page);
	const boot = page.locator('.boot-card');
	await expect(boot).toBeVisible();
	await expect(boot).toHaveAttribute('data-card-id', first);
	await expect(boot).toContainText(text.slice(0, 40));
	// Before any of the app's code ran: nothing to press, nothing read out twice.
	expect(await page.evaluate(() => performance.getEntriesByName('engram:boot-card').length)).toBe(
		1
	);
	await expect(page.getByRole('button', { name: 'Show answer' })).toHaveCount(0);
	await expect(question(page)).toHaveCount(0);
	await expect(page.locator('.boot-shell')).toHaveAttribute('aria-hidden', 'true');
	await expect(boot).toHaveJSProperty('inert', true);

	release();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible({ timeout: 30_000 });
	await expect(question(page)).toContainText(text.slice(0, 40));
	expect(await shownCard(page)).toBe(first);
	await expect(boot).toHaveCount(0);
	expect(await bootCards(page)).toEqual([first]);
});

test("a reload starts the app's code only after the boot card was painted, under the strict CSP", async ({
	page
}, info) => {
	const touch = info.project.name === 'Pixel 7';
	const first = await studyShown(page);
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) {
			problems.push(message.text());
		}
	});
	await page.addInitScript(() => {
		const seen: ColdStart = { frame: NaN, opens: [], violations: [] };
		(globalThis as unknown as { coldStart: ColdStart }).coldStart = seen;
		const open = IDBFactory.prototype.open;
		IDBFactory.prototype.open = function (...args: Parameters<typeof open>) {
			seen.opens.push(performance.now());
			return open.apply(this, args);
		};
		document.addEventListener('securitypolicyviolation', (event) =>
			seen.violations.push(`${event.violatedDirective} ${event.blockedURI}`)
		);
		const painted = new MutationObserver(() => {
			if (document.querySelector('.boot-card')) {
				painted.disconnect();
				// After the boot script's own request: in the same frame, before it is painted.
				requestAnimationFrame(() => (seen.frame = performance.now()));
			}
		});
		painted.observe(document, { childList: true, subtree: true });
	});

	// Not held back: the app's code arrives when it does, and waits.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible({ timeout: 30_000 });
	expect(await shownCard(page)).toBe(first);
	expect(await bootCards(page)).toEqual([first]);
	const cold = await page.evaluate(() => {
		const mark = (name: string) => performance.getEntriesByName(name).map((e) => e.startTime);
		const seen = (globalThis as unknown as { coldStart: ColdStart }).coldStart;
		return { ...seen, boot: mark('engram:boot-card'), start: mark('engram:app-start') };
	});
	expect(cold.boot).toHaveLength(1);
	expect(cold.start).toHaveLength(1);
	expect(cold.frame).toBeGreaterThan(cold.boot[0]!);
	expect(cold.start[0]).toBeGreaterThan(cold.frame);
	// The boot script's open, then the app's own: only once its code started.
	const [bootOpen, ...appOpens] = cold.opens;
	expect(bootOpen).toBeLessThan(cold.boot[0]!);
	expect(appOpens.length).toBeGreaterThan(0);
	expect(Math.min(...appOpens)).toBeGreaterThan(cold.start[0]!);
	expect(cold.violations).toEqual([]);

	await answerGood(page, touch);
	await expect.poll(() => shownCard(page)).not.toBe(first);
	expect(problems).toEqual([]);
	await expect(page.locator('meta[http-equiv="content-security-policy"]')).toHaveAttribute(
		'content',
		/script-src 'self' 'wasm-unsafe-eval' 'sha256-/
	);
});

test('after a grade a reload paints the next card, after an options change none', async ({
	page
}, info) => {
	const touch = info.project.name === 'Pixel 7';
	const first = await studyShown(page);
	await answerGood(page, touch);
	await expect.poll(() => shownCard(page)).not.toBe(first);
	const next = (await shownCard(page))!;
	await expect.poll(() => keptCard(page)).toBe(next);

	let release = await reloadHeld(page);
	await expect(page.locator('.boot-card')).toHaveAttribute('data-card-id', next);
	release();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible({ timeout: 30_000 });
	expect(await shownCard(page)).toBe(next);
	await page.unrouteAll();

	// No new cards today: the card kept is no longer first, though it did not change itself.
	await page.goto(`/decks/${BUNDLED_DECK_ID}/options`);
	const options = page.getByRole('form', { name: /^Options of/ });
	await options.getByRole('spinbutton', { name: 'New cards per day' }).fill('0');
	await press(options.getByRole('button', { name: 'Save options' }), touch);
	await expect(page.getByText('Saved.')).toBeVisible();
	expect(await keptCard(page)).toBeUndefined();

	release = await reloadHeld(page);
	release();
	// The graded card's learning step (shown ahead of time), or nothing left today.
	const shown = page
		.getByRole('button', { name: 'Show answer' })
		.or(page.getByRole('heading', { name: 'All done for now' }));
	await expect(shown).toBeVisible({ timeout: 30_000 });
	expect(await bootCards(page)).toEqual([]);
});

test("a deck's markup paints no script in the boot card", async ({ page }) => {
	await studyShown(page);
	const id = (await shownCard(page))!;
	// The shown card's note, rewritten as a hostile deck would have it.
	const PWN = 'window.__pwned=1';
	const notes = await readStore<{ id: string; fields: Record<string, string>; mtime: number }>(
		page,
		'notes'
	);
	const cards = await readStore<{ id: string; noteId: string }>(page, 'cards');
	const noteId = cards.find((card) => card.id === id)!.noteId;
	const note = notes.find((n) => n.id === noteId)!;
	const hostile = `<script>${PWN}</script><svg onload="${PWN}"></svg><b onclick="${PWN}">Hostile</b><a href="javascript:${PWN}">link</a>`;
	const fields = Object.fromEntries(
		Object.entries(note.fields).map(([name, value]) => [name, `${hostile}${value}`])
	);
	await putRecords(page, 'notes', [{ ...note, fields, mtime: note.mtime + 1 }]);
	await page.reload();
	await expect(question(page)).toContainText('Hostile');
	await expect.poll(() => keptCard(page)).toBe(id);

	const release = await reloadHeld(page);
	const boot = page.locator('.boot-card');
	await expect(boot).toContainText('Hostile');
	await boot.evaluate((card) => card.querySelector('b')?.dispatchEvent(new MouseEvent('click')));
	const markup = await boot.innerHTML();
	expect(markup).not.toMatch(/<script|onload|onclick|javascript:/i);
	release();
	await expect(page.getByRole('button', { name: 'Show answer' })).toBeVisible({ timeout: 30_000 });
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
		undefined
	);
});
