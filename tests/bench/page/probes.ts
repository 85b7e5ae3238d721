/**
 * Injected into every bench page before the app runs (kept tiny, so it barely costs the cold start
 * it measures). It watches the DOM the way a person sees it, by roles and fixed names:
 * - after a trusted grade key (1-4), the time until the next card is painted: the "Show answer"
 *   button and the Question are back, then one animation frame and one task (the paint);
 * - the time from navigation start to the first card painted: app.html's boot card (the card the
 *   boot script paints from the resume snapshot, before the app's code runs) when it is the card
 *   the app then shows (same id), else the app's own card; and the app's own card alone (Show
 *   answer usable);
 * - on the blank baseline page, the time to open `engram` and read one due card.
 */
import { BLANK_PATH, BENCH_DECK_ID, IMPORT_CHOSEN_MARK, IMPORT_DONE_MARK } from './constants';

export interface ProbeState {
	gradeToPaint: number[];
	/** Grade key to the DOM showing the next card (before the frame that paints it). */
	gradeToDom: number[];
	/** When each grade key was pressed (performance.now() time base). */
	gradedAt: number[];
	firstCardAt?: number;
	/** The app's own first card painted (its Show answer usable). */
	appCardAt?: number;
	/** app.html's boot card: which card it painted, and when (-1 until painted). */
	bootCard?: { id: string; at: number };
	finished: boolean;
	blankAt?: number;
	/** The import screen: file chosen, CSV mapping confirmed, summary painted. */
	importing: { chosenAt?: number; confirmedAt?: number; doneAt?: number };
	/** Main-thread tasks over 50 ms (Long Tasks API): [start, duration]. */
	longTasks: [number, number][];
	/**
	 * Resolves true once `name` holds (false after `timeoutMs`). The Node side waits through
	 * these, not page.waitForFunction, which evaluates strings: the app's CSP forbids that.
	 */
	until(name: Condition, arg: number, timeoutMs: number): Promise<boolean>;
}

export type Condition =
	'gradeButtons' | 'samples' | 'firstCard' | 'blank' | 'imported' | 'resumeKept';

declare global {
	var engramProbes: ProbeState;
}

/**
 * The pending `until` checks, run whenever the probe's state or the DOM changes: waiting costs the
 * page nothing in between (polling every few milliseconds competed with the app it measures).
 */
const waiters = new Set<() => void>();

function wake(): void {
	for (const check of [...waiters]) {
		check();
	}
}

function afterPaint(): Promise<number> {
	return new Promise((resolve) =>
		requestAnimationFrame(() => {
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				resolve(performance.now());
				// After the awaiting code has stored the time (it runs first, as a microtask).
				setTimeout(wake, 0);
			};
			channel.port2.postMessage(0);
		})
	);
}

function buttonNamed(name: RegExp): HTMLButtonElement | undefined {
	return [...document.querySelectorAll('button')].find((b) => name.test(b.textContent.trim()));
}

function cardShown(): boolean {
	return !!document.querySelector('[aria-label="Question"]') && !!buttonNamed(/^Show answer$/);
}

function watchImport(state: ProbeState): void {
	const isFileInput = (target: EventTarget | null) =>
		target instanceof HTMLInputElement && target.type === 'file';
	addEventListener(
		'change',
		(e) => {
			if (isFileInput(e.target)) {
				state.importing.chosenAt = e.timeStamp;
				// Marks the trace (measures/import.ts): the tasks that count start after this one,
				// which is the harness handing the file's bytes to the page, not the app's work.
				performance.mark(IMPORT_CHOSEN_MARK);
			}
		},
		{ capture: true }
	);
	addEventListener('submit', (e) => (state.importing.confirmedAt = e.timeStamp), { capture: true });
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			state.longTasks.push([entry.startTime, entry.duration]);
		}
	}).observe({ type: 'longtask', buffered: true });
}

function watchStudy(state: ProbeState): void {
	let gradedAt: number | undefined;
	addEventListener(
		'keydown',
		(event) => {
			if (event.isTrusted && /^[1-4]$/.test(event.key) && buttonNamed(/^Good/)) {
				gradedAt = event.timeStamp;
			}
		},
		{ capture: true }
	);
	const observer = new MutationObserver(() => {
		if (gradedAt !== undefined && cardShown()) {
			const since = gradedAt;
			gradedAt = undefined;
			state.gradedAt.push(since);
			state.gradeToDom.push(performance.now() - since);
			void afterPaint().then((at) => state.gradeToPaint.push(at - since));
		}
		const boot = document.querySelector<HTMLElement>('.boot-card');
		if (state.bootCard === undefined && boot) {
			const painted = { id: boot.dataset.cardId ?? '', at: -1 };
			state.bootCard = painted;
			void afterPaint().then((at) => (painted.at = at));
		}
		if (state.appCardAt === undefined && cardShown()) {
			state.appCardAt = -1;
			const appCard = document.querySelector<HTMLElement>('article[data-card-id]')?.dataset.cardId;
			void afterPaint().then((at) => {
				state.appCardAt = at;
				// The boot card counts only if it was the card the app then showed.
				const bootCard = state.bootCard;
				const early = bootCard && bootCard.id === appCard ? bootCard.at : -1;
				state.firstCardAt = early > 0 ? Math.min(early, at) : at;
			});
		}
		if (
			state.importing.doneAt === undefined &&
			document.querySelector('[aria-label="Import summary"]')
		) {
			state.importing.doneAt = -1;
			void afterPaint().then((at) => {
				state.importing.doneAt = at;
				performance.mark(IMPORT_DONE_MARK);
			});
		}
		if (!state.finished && /All done/.test(document.querySelector('h1')?.textContent ?? '')) {
			state.finished = true;
		}
		wake();
	});
	observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** The baseline a cold start is compared with: open the database, read one due card, paint. */
function openDatabaseOnly(state: ProbeState): void {
	const open = indexedDB.open('engram');
	open.onsuccess = () => {
		const db = open.result;
		const range = IDBKeyRange.bound(
			[BENCH_DECK_ID, 'review', new Date(0)],
			[BENCH_DECK_ID, 'review', new Date()]
		);
		const request = db
			.transaction('cards', 'readonly')
			.objectStore('cards')
			.index('[deckId+queue+due]')
			.openCursor(range);
		request.onsuccess = () => {
			db.close();
			void afterPaint().then((at) => (state.blankAt = at));
		};
	};
}

function holds(state: ProbeState, name: Condition, arg: number): boolean {
	switch (name) {
		case 'gradeButtons':
			return !!buttonNamed(/^Good/);
		case 'samples':
			return state.gradeToPaint.length >= arg || state.finished;
		case 'firstCard':
			return (state.firstCardAt ?? -1) > 0;
		case 'blank':
			return state.blankAt !== undefined;
		case 'resumeKept':
			// The study screen's resume snapshot (src/lib/storage/resume-card.ts's key).
			return localStorage.getItem('engram-resume') !== null;
		case 'imported':
			// -1 while the summary is in the DOM but not yet painted.
			return (state.importing.doneAt ?? -1) > 0;
	}
}

function until(
	state: ProbeState,
	name: Condition,
	arg: number,
	timeoutMs: number
): Promise<boolean> {
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			waiters.delete(check);
			clearTimeout(deadline);
			clearInterval(fallback);
			resolve(ok);
		};
		const check = () => {
			if (holds(state, name, arg)) {
				done(true);
			}
		};
		const deadline = setTimeout(() => done(holds(state, name, arg)), timeoutMs);
		// A change nothing announced (there should be none) is still seen, a little later.
		const fallback = setInterval(check, 50);
		waiters.add(check);
		check();
	});
}

export function installProbes(): void {
	const state: ProbeState = {
		gradeToPaint: [],
		gradeToDom: [],
		gradedAt: [],
		finished: false,
		importing: {},
		longTasks: [],
		until: (name, arg, timeoutMs) => until(state, name, arg, timeoutMs)
	};
	globalThis.engramProbes = state;
	if (location.pathname === BLANK_PATH) {
		openDatabaseOnly(state);
	} else {
		watchStudy(state);
		watchImport(state);
	}
}

installProbes();
