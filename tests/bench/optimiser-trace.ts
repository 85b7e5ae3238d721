/**
 * The page's main-thread tasks while something runs, from a Chromium trace. The Long Tasks API
 * gives wall time only, and on a shared 2-core machine a 20 ms task can take 200 ms of wall time
 * while the optimiser's worker and other processes hold the cores; the trace also gives each
 * task's CPU time on the main thread, which is the work the page really did.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface MainThreadTasks {
	/** Longest main-thread task, wall time, ms. */
	longestWallMs: number;
	/** Longest main-thread task, CPU time on the thread, ms. */
	longestCpuMs: number;
	/** Tasks over 50 ms of wall time. */
	overFiftyMs: number;
}

export interface TraceEvent {
	name: string;
	ph: string;
	ts: number;
	pid: number;
	tid: number;
	dur?: number;
	tdur?: number;
	args?: { name?: string };
}

/** Top-level task events of every renderer main thread in the trace. */
function mainThreadTasks(events: TraceEvent[]): TraceEvent[] {
	const mains = new Set(
		events
			.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
			.map((e) => `${e.pid}:${e.tid}`)
	);
	return events.filter(
		(e) =>
			e.ph === 'X' &&
			(e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
			mains.has(`${e.pid}:${e.tid}`)
	);
}

/** Marks (User Timing) in the page: only tasks that start after `from` and before `to` count. */
export interface TraceWindow {
	from: string;
	to: string;
}

/** The tasks that start inside the window, when the page set both its marks. */
function inWindow(events: TraceEvent[], tasks: TraceEvent[], window?: TraceWindow): TraceEvent[] {
	const at = (name: string) => events.find((e) => e.name === name)?.ts;
	const from = window && at(window.from);
	const to = window && at(window.to);
	if (!window) {
		return tasks;
	}
	if (from === undefined || to === undefined) {
		throw new Error(`The trace lacks the marks ${window.from} and ${window.to}.`);
	}
	return tasks.filter((task) => task.ts > from && task.ts < to);
}

/**
 * Starts a trace through the page's own DevTools session (as Puppeteer's page tracing does), so it
 * works in a context on a profile on disk too, which has no `Browser` to trace with.
 */
export async function startTrace(page: Page, categories: string[]): Promise<() => Promise<string>> {
	const session = await page.context().newCDPSession(page);
	await session.send('Tracing.start', {
		transferMode: 'ReturnAsStream',
		traceConfig: { includedCategories: categories }
	});
	return async () => {
		const complete = new Promise<string | undefined>((resolve) =>
			session.once('Tracing.tracingComplete', (event) => resolve(event.stream))
		);
		await session.send('Tracing.end');
		const stream = await complete;
		const text = stream ? await readStream(session, stream) : '';
		await session.detach();
		return text;
	};
}

async function readStream(session: CDPSession, handle: string): Promise<string> {
	const chunks: string[] = [];
	for (;;) {
		const chunk = await session.send('IO.read', { handle });
		chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data);
		if (chunk.eof) {
			break;
		}
	}
	await session.send('IO.close', { handle });
	return chunks.join('');
}

/** The events of a trace file: Chromium writes either the object form or a bare array. */
export function traceEventsOf(text: string): TraceEvent[] {
	const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
	return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** Runs `work` with tracing on and returns its result and the main thread's longest tasks. */
export async function traceMainThread<T>(
	page: Page,
	work: () => Promise<T>,
	// 'toplevel' alone has every task with its wall and CPU time; devtools.timeline adds every
	// event inside them, which over a minutes-long import outgrows what Node can turn into a string.
	categories: string[] = ['toplevel', 'devtools.timeline'],
	window?: TraceWindow
): Promise<{ result: T; tasks: MainThreadTasks }> {
	const userTiming = window ? ['blink.user_timing'] : [];
	const stop = await startTrace(page, [...categories, ...userTiming]);
	let result: T;
	try {
		result = await work();
	} catch (error) {
		await stop();
		throw error;
	}
	const traceEvents = traceEventsOf(await stop());
	const tasks = inWindow(traceEvents, mainThreadTasks(traceEvents), window);
	// Work on the page always runs tasks: none means the categories lack them (a 0 ms row otherwise).
	if (tasks.length === 0) {
		throw new Error(`The trace (${categories.join(', ')}) holds no main-thread tasks.`);
	}
	return {
		result,
		tasks: {
			longestWallMs: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
			longestCpuMs: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
			overFiftyMs: tasks.filter((t) => (t.dur ?? 0) > 50_000).length
		}
	};
}
