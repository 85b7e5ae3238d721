/**
 * The study screen's resume snapshot (issue #8): which snapshot app.html's boot script may paint
 * (domain/resume-card.ts), the boot script itself doing so only when the stored card and note
 * still match, never creating the database, and every write that could change the first card
 * dropping the snapshot (storage/resume-card.ts's middleware), a write from elsewhere also
 * refusing a snapshot planned before it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { inlineScripts } from '../../scripts/inline-scripts.js';
import type { CardRecord, NoteRecord } from '$lib/domain/model';
import {
	RESUME_VERSION,
	resumeUsable,
	stampsMatch,
	stampsOf,
	type ResumeSnapshot
} from '$lib/domain/resume-card';
import { EngramDB } from '$lib/storage/db';
import { makeCard, NOW } from './helpers';

/** localStorage as a page has it. */
class MemoryStorage {
	#items = new Map<string, string>();
	get length(): number {
		return this.#items.size;
	}
	getItem(key: string): string | null {
		return this.#items.get(key) ?? null;
	}
	setItem(key: string, value: string): void {
		this.#items.set(key, String(value));
	}
	removeItem(key: string): void {
		this.#items.delete(key);
	}
	clear(): void {
		this.#items.clear();
	}
	key(index: number): string | null {
		return [...this.#items.keys()][index] ?? null;
	}
}

const DECK = 'deck-1';
const PATH = `/study/${DECK}`;
const VIEW = { width: 412, height: 839 };

function note(card: CardRecord, mtime = NOW.getTime()): NoteRecord {
	return {
		id: card.noteId,
		deckId: card.deckId,
		noteTypeId: 'basic',
		fields: { Front: 'Who led the October Revolution?', Back: 'Lenin' },
		fieldMtimes: {},
		tags: [],
		createdAt: mtime,
		mtime
	};
}

function snapshotOf(card: CardRecord, stored: NoteRecord, changes: Partial<ResumeSnapshot> = {}) {
	const snapshot: ResumeSnapshot = {
		v: RESUME_VERSION,
		deckId: DECK,
		cardId: card.id,
		noteId: stored.id,
		...stampsOf(card, stored),
		validUntil: NOW.getTime() + 3_600_000,
		html: '<b>Who led</b> the October Revolution?',
		css: '[data-card-scope="boot"] b { color: red; }',
		box: {
			top: 120,
			left: 16,
			width: 380,
			height: 500,
			viewWidth: VIEW.width,
			viewHeight: VIEW.height
		}
	};
	return { ...snapshot, ...changes };
}

describe('which snapshot the boot script may check (domain)', () => {
	const card = makeCard(DECK, 1);
	const stored = note(card);
	const snapshot = snapshotOf(card, stored);
	const usable = (s: ResumeSnapshot, path = PATH, now = NOW.getTime(), view = VIEW) =>
		resumeUsable(s, path, now, view.width, view.height);

	it("is this deck's, this version's, before validUntil and measured in this viewport", () => {
		expect(usable(snapshot)).toBe(true);
		expect(usable(snapshot, `${PATH}/`)).toBe(true);
		expect(usable(snapshot, '/study/deck-2')).toBe(false);
		expect(usable(snapshot, '/')).toBe(false);
		expect(usable(snapshot, `${PATH}/custom`)).toBe(false);
		expect(usable(snapshot, PATH, snapshot.validUntil)).toBe(false);
		expect(usable(snapshot, PATH, snapshot.validUntil - 1)).toBe(true);
		expect(usable(snapshot, PATH, NOW.getTime(), { width: VIEW.height, height: VIEW.width })).toBe(
			false
		);
		expect(usable({ ...snapshot, v: 2 as typeof RESUME_VERSION })).toBe(false);
	});

	it('reads the deck id from the path as the router does (encoded)', () => {
		const spaced = { ...snapshot, deckId: 'my deck' };
		expect(usable(spaced, '/study/my%20deck')).toBe(true);
		expect(usable(spaced, '/study/my%2')).toBe(false);
	});

	it('matches only the card and note as they were rendered', () => {
		expect(stampsMatch(snapshot, card, stored)).toBe(true);
		expect(stampsMatch(snapshot, undefined, stored)).toBe(false);
		expect(stampsMatch(snapshot, card, undefined)).toBe(false);
		expect(stampsMatch(snapshot, { ...card, mtime: card.mtime + 1 }, stored)).toBe(false);
		expect(stampsMatch(snapshot, { ...card, queue: 'suspended' }, stored)).toBe(false);
		expect(stampsMatch(snapshot, { ...card, due: new Date(card.due.getTime() + 1) }, stored)).toBe(
			false
		);
		expect(stampsMatch(snapshot, { ...card, reps: card.reps + 1 }, stored)).toBe(false);
		expect(stampsMatch(snapshot, card, { ...stored, mtime: stored.mtime + 1 })).toBe(false);
		expect(stampsMatch(snapshot, { ...card, id: 'other' }, stored)).toBe(false);
	});
});

const APP_HTML = readFileSync('src/app.html', 'utf8');

/** What the boot script can touch of a page: the shell it paints into, and its marks. */
interface FakeElement {
	tag: string;
	className: string;
	dataset: Record<string, string>;
	style: Record<string, unknown>;
	inert?: boolean;
	innerHTML: string;
	textContent: string;
	children: FakeElement[];
	classList: { add(name: string): void };
	append(...children: FakeElement[]): void;
}

function element(tag: string): FakeElement {
	const made: FakeElement = {
		tag,
		className: '',
		dataset: {},
		style: {},
		innerHTML: '',
		textContent: '',
		children: [],
		classList: { add: (name) => (made.className = `${made.className} ${name}`.trim()) },
		append: (...children) => made.children.push(...children)
	};
	return made;
}

interface BootPage {
	storage: MemoryStorage;
	shell: FakeElement;
	marks: string[];
	/** Called as the script marks its paint (to see what had happened by then). */
	onMark?: () => void;
	/** The page's global object, as the script sees it (where it leaves its settle promise). */
	global: { engramBootSettled?: Promise<void> };
	/** The animation frames and timers the script asked for, run only when a test says so. */
	frames: (() => void)[];
	timers: { run: () => void; ms: number }[];
}

/** Runs app.html's inline scripts on `/study/deck-1`; resolves once their reads are done. */
async function boot(page: BootPage, now = NOW.getTime()): Promise<void> {
	const open = vi.spyOn(indexedDB, 'open');
	const document = {
		documentElement: { dataset: {} },
		querySelector: (selector: string) => (selector === '.boot-shell' ? page.shell : null),
		createElement: element,
		addEventListener: () => {}
	};
	const performance = {
		mark: (name: string) => {
			page.onMark?.();
			page.marks.push(name);
		}
	};
	const location = { pathname: PATH };
	const date = { now: () => now };
	for (const text of inlineScripts(APP_HTML)) {
		new Function(
			'localStorage',
			'document',
			'location',
			'innerWidth',
			'innerHeight',
			'performance',
			'Date',
			'globalThis',
			'requestAnimationFrame',
			'setTimeout',
			text
		)(
			page.storage,
			document,
			location,
			VIEW.width,
			VIEW.height,
			performance,
			date,
			page.global,
			(run: () => void) => page.frames.push(run),
			(run: () => void, ms = 0) => page.timers.push({ run, ms })
		);
	}
	const request = open.mock.results[0]!.value as IDBOpenDBRequest;
	open.mockRestore();
	await new Promise((resolve) => {
		request.addEventListener('success', resolve);
		request.addEventListener('error', resolve);
	});
	if (request.readyState === 'done' && !request.error) {
		// A read-write transaction on the same stores starts only once the script's read ended.
		const db = new EngramDB();
		await db.transaction('rw', db.cards, db.notes, () => {});
		db.close();
	}
}

function bootPage(): BootPage {
	return {
		storage: new MemoryStorage(),
		shell: element('div'),
		marks: [],
		global: {},
		frames: [],
		timers: []
	};
}

/** Whether the script's settle promise has resolved (after its pending reactions ran). */
async function settled(page: BootPage): Promise<boolean> {
	let done = false;
	void page.global.engramBootSettled!.then(() => (done = true));
	await new Promise((resolve) => setImmediate(resolve));
	return done;
}

/** Runs the frames, then the timers of `ms`, the script asked for so far. */
function runFrames(page: BootPage): void {
	page.frames.splice(0).forEach((run) => run());
}
function runTimers(page: BootPage, ms: number): void {
	const due = page.timers.filter((timer) => timer.ms === ms);
	page.timers = page.timers.filter((timer) => timer.ms !== ms);
	due.forEach((timer) => timer.run());
}

describe("app.html's boot script painting the first card", () => {
	let db: EngramDB;
	let card: CardRecord;
	let stored: NoteRecord;

	beforeEach(async () => {
		db = new EngramDB();
		card = makeCard(DECK, 1);
		stored = note(card);
		await db.cards.add(card);
		await db.notes.add(stored);
		db.close();
	});

	afterEach(async () => {
		db.close();
		await new Promise((resolve) => (indexedDB.deleteDatabase('engram').onsuccess = resolve));
	});

	function keep(page: BootPage, snapshot: ResumeSnapshot): void {
		page.storage.setItem('engram-resume', JSON.stringify(snapshot));
	}

	it('paints the kept front where the card was, inert, when card and note still match', async () => {
		const page = bootPage();
		const snapshot = snapshotOf(card, stored);
		expect(resumeUsable(snapshot, PATH, NOW.getTime(), VIEW.width, VIEW.height)).toBe(true);
		expect(stampsMatch(snapshot, card, stored)).toBe(true);
		keep(page, snapshot);
		page.storage.setItem('engram-card-text-size', '120');
		await boot(page);
		expect(page.marks).toEqual(['engram:boot-card']);
		expect(page.shell.className).toBe('has-card');
		const [painted] = page.shell.children;
		expect(painted).toMatchObject({ className: 'boot-card', inert: true });
		expect(painted!.dataset.cardId).toBe(card.id);
		expect(painted!.style.cssText).toBe('top:120px;left:16px;width:380px;height:500px');
		const [style, scroll] = painted!.children;
		expect(style!.textContent).toBe('[data-card-scope="boot"] b { color: red; }');
		const content = scroll!.children[0]!;
		expect(content).toMatchObject({ className: 'card-content', style: { zoom: 1.2 } });
		expect(content.dataset.cardScope).toBe('boot');
		expect(content.children[0]!.innerHTML).toBe('<b>Who led</b> the October Revolution?');
	});

	it('paints as the note is read, before its read-only transaction completes', async () => {
		// On a cold start the complete comes after a commit round trip that the main thread, busy
		// with the app's modules, answers late: waiting for it lost the race to the app's card.
		const page = bootPage();
		keep(page, snapshotOf(card, stored));
		const open = IDBDatabase.prototype.transaction;
		let completed = false;
		const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
			this: IDBDatabase,
			...args: Parameters<typeof open>
		) {
			const read = open.apply(this, args);
			read.addEventListener('complete', () => (completed = true));
			return read;
		});
		let completedAtPaint: boolean | undefined;
		page.onMark = () => (completedAtPaint = completed);
		await boot(page);
		transaction.mockRestore();
		expect(page.marks).toEqual(['engram:boot-card']);
		expect(completedAtPaint).toBe(false);
		expect(completed).toBe(true);
	});

	it.each([
		['the card changed since', (s: ResumeSnapshot) => ({ ...s, cardMtime: s.cardMtime - 1 })],
		['the note changed since', (s: ResumeSnapshot) => ({ ...s, noteMtime: s.noteMtime - 1 })],
		['the card is due otherwise', (s: ResumeSnapshot) => ({ ...s, due: s.due + 60_000 })],
		['it is for another deck', (s: ResumeSnapshot) => ({ ...s, deckId: 'deck-2' })],
		['it expired', (s: ResumeSnapshot) => ({ ...s, validUntil: NOW.getTime() })],
		[
			'the viewport is another',
			(s: ResumeSnapshot) => ({ ...s, box: { ...s.box, viewWidth: 1280 } })
		],
		['it is of another version', (s: ResumeSnapshot) => ({ ...s, v: 0 as 1 })],
		['the card is gone', (s: ResumeSnapshot) => ({ ...s, cardId: 'gone' })]
	])('paints nothing when %s, as the domain rules say', async (_case, change) => {
		const page = bootPage();
		const snapshot = change(snapshotOf(card, stored));
		keep(page, snapshot);
		await boot(page);
		expect(page.marks).toEqual([]);
		expect(page.shell.children).toEqual([]);
		// The script repeats domain/resume-card.ts's rules: they refuse it too.
		const read = snapshot.cardId === card.id ? card : undefined; // As stored.
		const usable = resumeUsable(snapshot, PATH, NOW.getTime(), VIEW.width, VIEW.height);
		expect(usable && stampsMatch(snapshot, read, stored)).toBe(false);
	});

	it('paints nothing from a snapshot that is not JSON, and none at all without one', async () => {
		const page = bootPage();
		page.storage.setItem('engram-resume', '{not json');
		await boot(page);
		const none = bootPage();
		await boot(none);
		expect([...page.marks, ...none.marks]).toEqual([]);
	});

	it('neither creates the database nor writes to it', async () => {
		await new Promise((resolve) => (indexedDB.deleteDatabase('engram').onsuccess = resolve));
		const page = bootPage();
		keep(page, snapshotOf(card, stored));
		await boot(page);
		expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('engram');
		expect(page.marks).toEqual([]);
	});

	// SvelteKit's start script waits for engramBootSettled (src/lib/server/defer-kit-start.ts).
	it("lets the app's code start one frame after the paint, not before", async () => {
		const page = bootPage();
		keep(page, snapshotOf(card, stored));
		await boot(page);
		expect(page.marks).toEqual(['engram:boot-card']);
		expect(await settled(page)).toBe(false);
		runFrames(page);
		expect(await settled(page)).toBe(false);
		runTimers(page, 0);
		expect(await settled(page)).toBe(true);
	});

	it.each([
		['there is no snapshot', () => {}],
		[
			'the card changed since',
			(page: BootPage) => keep(page, snapshotOf(card, stored, { cardMtime: card.mtime - 1 }))
		],
		[
			'it is for another deck',
			(page: BootPage) => keep(page, snapshotOf(card, stored, { deckId: 'deck-2' }))
		],
		[
			'there is no database yet',
			async (page: BootPage) => {
				keep(page, snapshotOf(card, stored));
				await new Promise((resolve) => (indexedDB.deleteDatabase('engram').onsuccess = resolve));
			}
		]
	])("lets the app's code start at once when %s", async (_case, arrange) => {
		const page = bootPage();
		await arrange(page);
		await boot(page);
		expect(page.marks).toEqual([]);
		expect(page.frames).toEqual([]);
		expect(await settled(page)).toBe(true);
	});

	it("lets the app's code start after 1 s when the frame never comes (a hidden tab)", async () => {
		const page = bootPage();
		keep(page, snapshotOf(card, stored));
		await boot(page);
		runTimers(page, 0);
		expect(await settled(page)).toBe(false);
		runTimers(page, 1000);
		expect(await settled(page)).toBe(true);
	});
});

describe('the snapshot dropped by writes (storage)', () => {
	let storage: MemoryStorage;

	beforeEach(() => {
		storage = new MemoryStorage();
		vi.stubGlobal('localStorage', storage);
		vi.resetModules();
	});

	afterEach(() => {
		vi.unstubAllGlobals();
	});

	/** A page's database (the middleware reads localStorage as it is made) with one card. */
	async function pageDb() {
		const { EngramDB: PageDB } = await import('$lib/storage/db');
		const resume = await import('$lib/storage/resume-card');
		const pageDb = new PageDB(`resume-${crypto.randomUUID()}`);
		const card = makeCard(DECK, 1);
		await pageDb.cards.add(card);
		await pageDb.notes.add(note(card));
		return { db: pageDb, card, resume, snapshot: snapshotOf(card, note(card)) };
	}

	it('drops it on a write that could change the first card, not on one that cannot', async () => {
		const { db, card, resume, snapshot } = await pageDb();
		expect(resume.keepResume(snapshot, resume.resumeMark())).toBe(true);
		await db.media.put({
			hash: 'h',
			name: 'a.png',
			type: 'image/png',
			bytes: new ArrayBuffer(1),
			mtime: 1
		});
		await db.tombstones.put({ table: 'cards', id: 'x', deletedAt: 1 } as never);
		expect(resume.keptResume()).toEqual(snapshot);
		for (const write of [
			() => db.cards.update(card.id, { flag: 1 }),
			() => db.notes.update(card.noteId, { tags: ['x'] }),
			() => db.reviews.clear(),
			() => db.settings.put({ key: 'dayStartHour', value: 5 }),
			() => db.presets.delete('nothing'),
			() =>
				db.decks.put({
					id: 'd',
					name: 'D',
					description: '',
					presetId: 'p',
					createdAt: 1,
					mtime: 1
				}),
			() => db.limitExtensions.clear()
		]) {
			expect(resume.keepResume(snapshot, resume.resumeMark())).toBe(true);
			await write();
			expect(resume.keptResume()).toBeUndefined();
		}
		db.close();
	});

	it("keeps a snapshot after the page's own writes, not after another tab's or a worker's", async () => {
		const { db, card, resume, snapshot } = await pageDb();
		const mark = resume.resumeMark();
		// The answer the card was planned after, written by this page.
		await db.cards.update(card.id, { reps: 4 });
		expect(resume.keepResume(snapshot, mark)).toBe(true);
		const later = resume.resumeMark();
		// Another tab's write (its own middleware) or a worker's (told through this page).
		resume.dropResume(storage);
		expect(resume.keepResume(snapshot, later)).toBe(false);
		expect(resume.keptResume()).toBeUndefined();
		db.close();
	});

	it("drops it when a worker's write is told on the channel", async () => {
		const { db, resume, snapshot } = await pageDb();
		expect(resume.keepResume(snapshot, resume.resumeMark())).toBe(true);
		const worker = new BroadcastChannel('engram-resume');
		worker.postMessage('write');
		await vi.waitFor(() => expect(resume.keptResume()).toBeUndefined());
		worker.close();
		db.close();
	});
});
