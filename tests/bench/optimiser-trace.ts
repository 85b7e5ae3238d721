/**
 * The page's main-thread tasks while something runs, from a Chromium trace. The Long Tasks API
 * gives wall time only, and on a shared 2-core machine a 20 ms task can take 200 ms of wall time
 * while the optimiser's worker and other processes hold the cores; the trace also gives each
 * task's CPU time on the main thread, which is the work the page really did.
 */
import type { Browser, Page } from '@playwright/test';

export interface MainThreadTasks {
	/** Longest main-thread task, wall time, ms. */
	longestWallMs: number;
	/** Longest main-thread task, CPU time on the thread, ms. */
	longestCpuMs: number;
	/** Tasks over 50 ms of wall time. */
	overFiftyMs: number;
}

interface TraceEvent {
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

/** Runs `work` with tracing on and returns its result and the main thread's longest tasks. */
export async function traceMainThread<T>(
	browser: Browser,
	page: Page,
	work: () => Promise<T>,
	// 'toplevel' alone has every task with its wall and CPU time; devtools.timeline adds every
	// event inside them, which over a minutes-long import outgrows what Node can turn into a string.
	categories: string[] = ['toplevel', 'devtools.timeline'],
	window?: TraceWindow
): Promise<{ result: T; tasks: MainThreadTasks }> {
	const userTiming = window ? ['blink.user_timing'] : [];
	await browser.startTracing(page, { categories: [...categories, ...userTiming] });
	let result: T;
	try {
		result = await work();
	} catch (error) {
		await browser.stopTracing();
		throw error;
	}
	const trace = await browser.stopTracing();
	const { traceEvents } = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] };
	const tasks = inWindow(traceEvents, mainThreadTasks(traceEvents), window);
	return {
		result,
		tasks: {
			longestWallMs: Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000)),
			longestCpuMs: Math.max(0, ...tasks.map((t) => (t.tdur ?? 0) / 1000)),
			overFiftyMs: tasks.filter((t) => (t.dur ?? 0) > 50_000).length
		}
	};
}
