/**
 * Where grade → next card painted goes, from a Chromium trace of one study session: for each
 * grade key, the main-thread tasks between the key and the frame that painted the next card, with
 * their wall and CPU time and what ran in them. A tool for working on the answer path, not part of
 * `npm run bench`: `BENCH_SIZES=1000,100000 BENCH_PORT=… npx tsx tests/bench/study-trace.ts 100000`
 * after a bench run made the collections and the build (it serves build/ on the bench's ports).
 * Writes the trace to tests/.results/study-trace.json (open it in the performance panel).
 */
import { writeFileSync } from 'node:fs';
import { bundle, inPage, startServer } from './browser';
import { openCollections } from './collections';
import { ORIGINS, SIZES } from './config';
import { studyRun } from './measures/study';

interface TraceEvent {
	name: string;
	cat: string;
	ph: string;
	ts: number;
	pid: number;
	tid: number;
	dur?: number;
	tdur?: number;
	args?: { name?: string; data?: { type?: string; url?: string; functionName?: string } };
}

const size = Number(process.argv[2] ?? SIZES.at(-1));
const answers = Number(process.env.TRACE_ANSWERS ?? 30);
const log = (message: string) => console.log(`[trace] ${message}`);

function mainThread(events: TraceEvent[], origin: string): { pid: number; tid: number } {
	const mains = events.filter(
		(e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain'
	);
	// The renderer that ran the study page's key handlers.
	const keyed = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
	const main = mains.find((m) => keyed && m.pid === keyed.pid && m.tid === keyed.tid);
	if (!main) {
		throw new Error(`No renderer main thread handled a key for ${origin}.`);
	}
	return { pid: main.pid, tid: main.tid };
}

/** One line per task between a grade key and the next paint: start offset, wall, CPU, contents. */
function describe(events: TraceEvent[], origin: string): string[] {
	const { pid, tid } = mainThread(events, origin);
	const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
	const tasks = onMain.filter(
		(e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask'
	);
	const inside = (task: TraceEvent) =>
		onMain.filter(
			(e) =>
				e !== task && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0) && e.name !== 'RunTask'
		);
	const keys = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
	const paints = onMain.filter((e) => e.name === 'Paint' || e.name === 'PrePaint').map((e) => e.ts);
	const lines: string[] = [];
	for (const key of keys) {
		const task = tasks.find((t) => t.ts <= key.ts && key.ts < t.ts + (t.dur ?? 0));
		const start = task?.ts ?? key.ts;
		const paint = paints.find((p) => p > key.ts + (key.dur ?? 0)) ?? start;
		lines.push(
			`key at ${(start / 1000).toFixed(1)} ms, next paint after ${((paint - start) / 1000).toFixed(1)} ms`
		);
		for (const t of tasks.filter((t) => t.ts >= start && t.ts <= paint)) {
			const names = [
				...new Set(
					inside(t)
						.filter((e) => (e.dur ?? 0) > 300)
						.map(
							(e) =>
								`${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ''}${e.args?.data?.functionName ? `[${e.args.data.functionName}]` : ''}`
						)
				)
			];
			lines.push(
				`  +${((t.ts - start) / 1000).toFixed(1)} wall ${((t.dur ?? 0) / 1000).toFixed(1)} cpu ${((t.tdur ?? 0) / 1000).toFixed(1)}: ${names.slice(0, 8).join(', ')}`
			);
		}
	}
	return lines;
}

async function main(): Promise<void> {
	const at = SIZES.indexOf(size);
	if (at < 0) {
		throw new Error(`${size} is not one of BENCH_SIZES (${SIZES.join(', ')}).`);
	}
	const servers = await Promise.all(ORIGINS.map((o) => startServer(Number(new URL(o).port))));
	const probes = await bundle('tests/bench/page/probes.ts');
	const { context } = await openCollections(SIZES, ORIGINS, probes, log);
	const page = await context.newPage();
	try {
		await studyRun(page, ORIGINS[at]!, 5, 999); // warm-up
		const browser = context.browser();
		const cdp = await context.newCDPSession(page);
		const chunks: TraceEvent[] = [];
		cdp.on('Tracing.dataCollected', (data) => {
			chunks.push(...(data.value as unknown as TraceEvent[]));
		});
		const done = new Promise<void>((resolve) =>
			cdp.once('Tracing.tracingComplete', () => resolve())
		);
		await cdp.send('Tracing.start', {
			categories:
				'devtools.timeline,disabled-by-default-devtools.timeline,toplevel,blink.user_timing,v8.execute,input,benchmark,disabled-by-default-devtools.timeline.frame,IndexedDB',
			transferMode: 'ReportEvents'
		});
		const run = await studyRun(page, ORIGINS[at]!, answers, 1);
		await cdp.send('Tracing.end');
		await done;
		void browser;
		writeFileSync('tests/.results/study-trace.json', JSON.stringify({ traceEvents: chunks }));
		log(`gradeToDom ${run.gradeToDom.map((v) => v.toFixed(1)).join(' ')}`);
		log(`gradeToPaint ${run.gradeToPaint.map((v) => v.toFixed(1)).join(' ')}`);
		console.log(describe(chunks, ORIGINS[at]!).join('\n'));
		void inPage;
	} finally {
		await context.close();
		servers.forEach((s) => s.stop());
	}
}

await main();
