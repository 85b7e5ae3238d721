// Proves the card browser stays usable at 100,000 cards: the first page and the count come from
// indexes; a text search that reads every note and a sort that needs every card run in the browse
// worker, so the page keeps painting (animation frames counted while they run) and shows
// matches as they are found; the grid keeps a few dozen rows in the DOM and reaches the last
// card; and "select all" suspends every match through the worker, a page at a time, with Cancel
// (which puts back the pages done) and an Undo that survives a reload, shows its progress, and
// can be cancelled part-way and finished later.
// A scan's progress messages carry only the ids found since the last one (each id crosses to the
// page once), checked on the worker's real messages. Durations and the longest main-thread task
// (PerformanceObserver 'longtask') are recorded as annotations, never asserted: the CPU is
// shared, and `npm run bench` judges speed.
import type { Page } from '@playwright/test';
import { expect, test } from './disk-profile';

const count = (page: Page) => page.getByTestId('result-count');
const rows = (page: Page) => page.getByRole('grid', { name: 'Cards' }).getByRole('row');
const N = 100_000;

/** Writes N notes with one new card each straight into IndexedDB (the app is not involved). */
async function seedBulk(page: Page, n: number): Promise<void> {
	await page.evaluate(async (n) => {
		const open = indexedDB.open('engram');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction(['notes', 'cards'], 'readwrite');
		const notes = tx.objectStore('notes');
		const cards = tx.objectStore('cards');
		const now = Date.now();
		for (let i = 0; i < n; i++) {
			const id = `bulk-${i}`;
			notes.put({
				id,
				deckId: 'engram-october-1917',
				noteTypeId: 'basic',
				fields: { Front: `Bulk question ${String(i).padStart(6, '0')}`, Back: `Answer ${i}` },
				fieldMtimes: { Front: now, Back: now },
				tags: ['bulk'],
				createdAt: now + i,
				mtime: now
			});
			cards.put({
				id: `${id}#0`,
				noteId: id,
				deckId: 'engram-october-1917',
				ord: 0,
				queue: 'new',
				position: 1000 + i,
				// What the app's card writes add to a new card (domain/card-index-keys.ts).
				newPosition: 1000 + i,
				due: new Date(now),
				stability: 0,
				difficulty: 0,
				elapsed_days: 0,
				scheduled_days: i % 97,
				learning_steps: 0,
				reps: 0,
				lapses: 0,
				state: 0,
				mtime: now
			});
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, n);
}

/** What each progress message from the browse worker carried, recorded as the page receives it. */
interface Progress {
	search: number;
	ids: number;
	insert: boolean;
	done: boolean;
}

/** Wraps the page's Worker so every browse progress message is noted (before the app starts). */
async function recordWorkerMessages(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const Native = window.Worker;
		const seen: Progress[] = [];
		(window as unknown as { progress: Progress[] }).progress = seen;
		window.Worker = class extends Native {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				this.addEventListener('message', (event: MessageEvent) => {
					const data = event.data as { type?: string; id: number; ids: string[] } & Progress;
					if (data?.type === 'progress') {
						const insert = (data as { at?: unknown }).at !== undefined;
						seen.push({ search: data.id, ids: data.ids.length, insert, done: data.done });
					}
				});
			}
		};
	});
}

/** The progress messages of the latest search, from the start. */
async function latestSearch(page: Page): Promise<Progress[]> {
	const all = await page.evaluate(() => (window as unknown as { progress: Progress[] }).progress);
	const last = all.at(-1)!.search;
	return all.filter((message) => message.search === last);
}

/**
 * A scan's messages: a few, the first replacing the list and each later one only inserting new
 * ids, so that the ids sent add up to the matches: no id crossed twice.
 */
function expectDeltas(messages: Progress[], matches: number): void {
	expect(messages.length).toBeGreaterThan(2);
	expect(messages.at(-1)!.done).toBe(true);
	expect(messages.slice(1).every((message) => message.insert)).toBe(true);
	expect(messages.reduce((n, message) => n + message.ids, 0)).toBe(matches);
	expect(Math.max(...messages.map((message) => message.ids))).toBeLessThan(matches);
}

/** Starts counting animation frames and longest tasks, and every text the status shows. */
async function watch(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as Record<string, unknown>;
		w.frames = 0;
		w.longest = 0;
		w.statuses = [];
		w.watching = true;
		const tick = () => {
			if (w.watching) {
				w.frames = (w.frames as number) + 1;
				requestAnimationFrame(tick);
			}
		};
		requestAnimationFrame(tick);
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				w.longest = Math.max(w.longest as number, entry.duration);
			}
		}).observe({ type: 'longtask' });
		const status = document.querySelector('[data-testid="result-count"]')!;
		new MutationObserver(() => (w.statuses as string[]).push(status.textContent ?? '')).observe(
			status,
			{ childList: true, characterData: true, subtree: true }
		);
	});
}

async function stopWatching(page: Page) {
	return page.evaluate(() => {
		const w = window as unknown as Record<string, unknown>;
		w.watching = false;
		return {
			frames: w.frames as number,
			longest: w.longest as number,
			statuses: w.statuses as string[]
		};
	});
}

/** Cards in a queue, counted deck by deck through [deckId+queue+due] (the app's own ranges). */
async function queueCount(page: Page, queue: string): Promise<number> {
	return page.evaluate(async (queue) => {
		const open = indexedDB.open('engram');
		const db = await new Promise<IDBDatabase>(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const tx = db.transaction(['decks', 'cards']);
		const done = <T>(request: IDBRequest<T>) =>
			new Promise<T>((resolve) => (request.onsuccess = () => resolve(request.result)));
		const deckIds = await done(tx.objectStore('decks').getAllKeys());
		const index = tx.objectStore('cards').index('[deckId+queue+due]');
		const counts = await Promise.all(
			deckIds.map((id) => done(index.count(IDBKeyRange.bound([id, queue], [id, queue, []]))))
		);
		db.close();
		return counts.reduce((a, b) => a + b, 0);
	}, queue);
}

test('100,000 cards: searches and sorts in the worker, a small DOM, and select all with undo', async ({
	page
}, testInfo) => {
	// A measurement, not a device check: one run (desktop) is enough on a shared CPU.
	test.skip(testInfo.project.name !== 'Desktop Chrome', 'measured once, on the desktop project');
	// Suspending and restoring 100,000 cards is minutes of IndexedDB writes on a loaded 2-core
	// machine (8 minutes did not suffice at a load of 27): a timeout, not a speed check.
	test.setTimeout(900_000);
	await recordWorkerMessages(page);
	await page.goto('/');
	await expect(page.getByRole('link', { name: /^Study/ }).first()).toBeVisible();
	await seedBulk(page, N);
	const measured: string[] = [];

	let started = Date.now();
	await page.goto('/browse');
	// The first page comes from the due index and the count from the store: no scan.
	await expect(rows(page).first()).toContainText(/\S/, { timeout: 60_000 });
	await expect(count(page)).toHaveText(/^100,0\d\d cards$/, { timeout: 60_000 });
	const total = Number((await count(page).textContent())!.replace(/\D/g, ''));
	measured.push(`first page and count ${Date.now() - started} ms`);
	expect(await rows(page).count()).toBeLessThan(60);

	// A text search matching every bulk note: matches show while the scan runs, the page paints.
	await watch(page);
	started = Date.now();
	await page.getByLabel('Search cards').fill('bulk question');
	await expect(count(page)).toHaveText(`${N.toLocaleString('en')} cards`, { timeout: 60_000 });
	let seen = await stopWatching(page);
	measured.push(
		`text scan ${Date.now() - started} ms, ${seen.frames} frames, longest task ${seen.longest.toFixed(0)} ms`
	);
	expect(seen.statuses.some((s) => /^Searching… [\d,]+ cards so far \(\d+%\)$/.test(s))).toBe(true);
	expect(seen.frames).toBeGreaterThan(10);
	expectDeltas(await latestSearch(page), N);
	await expect(rows(page).first()).toContainText('Bulk question');

	// One card at the end of the notes: a change of query cancels nothing it should keep.
	await page.getByLabel('Search cards').fill('"front:bulk question 099999"');
	await expect(count(page)).toHaveText('1 card', { timeout: 60_000 });

	// A sort no index serves: every card is read in the worker while the page paints.
	await page.getByLabel('Search cards').fill('');
	await expect(count(page)).toHaveText(`${total.toLocaleString('en')} cards`, { timeout: 60_000 });
	await watch(page);
	started = Date.now();
	await page.getByLabel('Sort by').selectOption('interval');
	await page.getByRole('button', { name: 'Sorted ascending' }).click();
	// Bundled cards are new (interval 0); the longest intervals are bulk cards.
	await expect(rows(page).first()).toContainText('Bulk question', { timeout: 60_000 });
	await expect(count(page)).toHaveText(`${total.toLocaleString('en')} cards`, { timeout: 60_000 });
	seen = await stopWatching(page);
	measured.push(
		`interval sort ${Date.now() - started} ms, ${seen.frames} frames, longest task ${seen.longest.toFixed(0)} ms`
	);
	expect(seen.frames).toBeGreaterThan(10);
	expectDeltas(await latestSearch(page), total);

	// The grid reaches the last card with few rows in the DOM.
	await page.getByLabel('Sort by').selectOption('due');
	await page.getByRole('button', { name: 'Sorted descending' }).click();
	await expect(rows(page).first()).not.toContainText('Bulk question', { timeout: 60_000 });
	const scroller = page.getByRole('grid', { name: 'Cards' });
	await scroller.evaluate(async (el) => {
		for (let i = 0; i < 30; i++) {
			el.scrollTop += el.scrollHeight / 30;
			await new Promise(requestAnimationFrame);
		}
	});
	await expect(rows(page).last()).toContainText('Bulk question 099999');
	expect(await rows(page).count()).toBeLessThan(60);

	// Select all: the search minus nothing, suspended in the worker a page at a time, then undone.
	await page.getByLabel('Search cards').fill('tag:bulk');
	await expect(count(page)).toHaveText(`${N.toLocaleString('en')} cards`, { timeout: 60_000 });
	await page.getByRole('checkbox', { name: 'Select all' }).check();
	const bar = page.getByRole('toolbar', { name: 'Selected cards' });
	await expect(bar).toContainText(`${N.toLocaleString('en')} cards selected`);
	// Suspending this many asks first; cancelled part-way, the pages already done are put back.
	const suspendAll = async () => {
		await bar.getByRole('button', { name: 'Suspend', exact: true }).click();
		const confirm = page.getByRole('dialog', { name: 'Suspend cards?' });
		await expect(confirm).toContainText(`Suspend ${N.toLocaleString('en')} cards?`);
		await confirm.getByRole('button', { name: 'Suspend' }).click();
	};
	await suspendAll();
	await expect(bar).toContainText(/Working… [1-9][\d,]* of 100,000 cards/, { timeout: 60_000 });
	await bar.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('alert')).toHaveText('Cancelled: no card was changed.', {
		timeout: 120_000
	});
	expect(await queueCount(page, 'suspended')).toBe(0);
	await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden();

	started = Date.now();
	await suspendAll();
	await expect(bar).toContainText(/Working…/);
	await expect(
		page.getByRole('status').filter({ hasText: `${N.toLocaleString('en')} cards suspended.` })
	).toBeVisible({ timeout: 240_000 });
	measured.push(`select-all suspend ${Date.now() - started} ms`);
	expect(await queueCount(page, 'suspended')).toBe(N);
	// The undo is stored: after a reload it is still offered, and shows its progress.
	await page.reload();
	await expect(count(page)).toHaveText(/cards$/, { timeout: 60_000 });
	const undoBar = page.getByRole('toolbar', { name: 'Selected cards' });
	// Cancelled part-way: what it put back stays so, and Undo is still offered for the rest.
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(undoBar).toContainText(/Undoing… [1-9]\d*%/, { timeout: 60_000 });
	await undoBar.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('alert')).toHaveText(/^Undo stopped: the cards already put back/, {
		timeout: 60_000
	});
	const left = await queueCount(page, 'suspended');
	expect(left).toBeGreaterThan(0);
	expect(left).toBeLessThan(N);
	expect(left + (await queueCount(page, 'new'))).toBe(total);
	started = Date.now();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(undoBar).toContainText(/Undoing… \d+%/);
	await expect(page.getByRole('button', { name: 'Undo' })).toBeHidden({ timeout: 240_000 });
	measured.push(`rest of the undo after a cancel (${left} cards) ${Date.now() - started} ms`);
	expect(await queueCount(page, 'suspended')).toBe(0);
	expect(await queueCount(page, 'new')).toBe(total);

	testInfo.annotations.push({
		type: 'measured',
		description: `100k cards: ${measured.join('; ')}`
	});
	console.log(testInfo.annotations.at(-1)?.description);
});
