/**
 * Measures (1) grade -> next card painted, (2) the storage call that finds the next card, and
 * (5) the JS heap, over one study session of `answers` trusted key presses: Space shows the
 * answer, 1-4 grades it, exactly as a keyboard user studies.
 */
import type { CDPSession, Page } from '@playwright/test';
import { seededRandom } from '../page/random';
import { BENCH_DECK_ID } from '../page/constants';
import type { Condition } from '../page/probes';
import { inPage } from '../browser';

/** One User Timing measure the app recorded: `engram:<name>`. */
export interface Span {
	name: string;
	start: number;
	duration: number;
}

export interface StudyRun {
	gradeToPaint: number[];
	gradeToDom: number[];
	gradedAt: number[];
	/** Every engram:* measure of the session, to see where grade → paint went. */
	spans: Span[];
	nextCardQuery: number[];
	answerWrite: number[];
	cardView: number[];
	/** Used JS heap after a full GC at the end of the session, bytes. */
	heapAfterGc: number;
	/** Used JS heap at the end of the session before any GC, bytes. */
	heapLive: number;
	finishedEarly: boolean;
}

/** Good most of the time, some Again, Hard and Easy: the mix a real session has. */
function gradeKeys(answers: number, seed: number): string[] {
	const random = seededRandom(seed);
	return Array.from({ length: answers }, () => {
		const x = random();
		return x < 0.1 ? '1' : x < 0.22 ? '2' : x < 0.92 ? '3' : '4';
	});
}

async function heap(cdp: CDPSession, collect: boolean): Promise<number> {
	if (collect) {
		await cdp.send('HeapProfiler.collectGarbage');
	}
	return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

async function waitFor(page: Page, condition: Condition, arg: number, what: string): Promise<void> {
	const ok = await inPage<boolean>(
		page,
		`engramProbes.until(${JSON.stringify(condition)}, ${arg}, 15000)`
	);
	if (!ok) {
		const screen = await inPage<string>(page, `document.querySelector('main')?.innerText ?? ''`);
		throw new Error(
			`The study screen never showed ${what}. It shows: ${screen.replace(/\s+/g, ' ').slice(0, 300)}`
		);
	}
}

function durations(page: Page, name: string): Promise<number[]> {
	return inPage<number[]>(
		page,
		`performance.getEntriesByName(${JSON.stringify(name)}, 'measure').map((e) => e.duration)`
	);
}

export async function studyRun(
	page: Page,
	origin: string,
	answers: number,
	seed: number
): Promise<StudyRun> {
	await page.goto(`${origin}/study/${BENCH_DECK_ID}`);
	const show = page.getByRole('button', { name: 'Show answer' });
	await show.waitFor({ timeout: 60_000 });
	await inPage(
		page,
		`performance.clearMeasures(); for (const k of ['gradeToPaint', 'gradeToDom', 'gradedAt']) engramProbes[k].length = 0`
	);
	const cdp = await page.context().newCDPSession(page);
	let answered = 0;
	for (const key of gradeKeys(answers, seed)) {
		await page.keyboard.press('Space');
		await waitFor(page, 'gradeButtons', 0, 'the grade buttons');
		await page.keyboard.press(key);
		answered += 1;
		// One round trip for both: on a busy machine each costs tens of milliseconds.
		const finished = await inPage<boolean | undefined>(
			page,
			`engramProbes.until('samples', ${answered}, 15000).then((ok) => ok ? engramProbes.finished : undefined)`
		);
		if (finished === undefined) {
			await waitFor(page, 'samples', answered, 'the next card');
		}
		if (finished) {
			break;
		}
	}
	const heapLive = await heap(cdp, false);
	const heapAfterGc = await heap(cdp, true);
	await cdp.detach();
	return {
		gradeToPaint: await inPage<number[]>(page, 'engramProbes.gradeToPaint.slice()'),
		gradeToDom: await inPage<number[]>(page, 'engramProbes.gradeToDom.slice()'),
		gradedAt: await inPage<number[]>(page, 'engramProbes.gradedAt.slice()'),
		spans: await inPage<Span[]>(
			page,
			`performance.getEntriesByType('measure').filter((e) => e.name.startsWith('engram:')).map((e) => ({ name: e.name.slice(7), start: e.startTime, duration: e.duration }))`
		),
		nextCardQuery: await durations(page, 'engram:next-card'),
		answerWrite: await durations(page, 'engram:answer'),
		cardView: await durations(page, 'engram:card-view'),
		heapAfterGc,
		heapLive,
		finishedEarly: await inPage<boolean>(page, 'engramProbes.finished')
	};
}
