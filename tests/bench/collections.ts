/**
 * The generated collections, one per size, each in the app's real `engram` database at its own
 * origin, inside a Chromium profile kept in the machine's bench cache (template-cache.ts).
 *
 * Generating 100,000 cards (80k notes, 280k reviews) takes a minute or two here, almost all of it
 * IndexedDB writes. So the profile the generator filled is kept as a template, keyed by a hash of
 * everything the records depend on (the generator, the scheduler, the schema, the sizes and ports);
 * each bench run studies in a fresh copy of it (copying files takes seconds), so runs never see
 * each other's answers. The copy's service workers and caches are cleared first: the build under
 * test installs its own worker, exactly as on a first visit.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import type { CollectionCounts } from './page/generate';
import { loadavg } from 'node:os';
import {
	bundle,
	chromiumVersion,
	inPage,
	launchPersistent,
	openBlankPage,
	waitForServiceWorker
} from './browser';
import { timedWith, type RestoreTiming, type TimedWith } from './restore-baseline';
import { compactCollections } from './compact-collections';
import { cacheRoot, prune, publish, scratchDir } from './template-cache';

export const SEED = 20261129;

/** Each run's working copy, in this clone. */
export const WORKING_ROOT = 'tests/.results/bench-collections';
/** The histories are placed relative to when they were made: remake them when they get stale. */
const MAX_AGE_MS = 3 * 86_400_000;
/** What the stored records depend on: change one and the collections are generated again. */
const SOURCES = [
	'tests/bench/collections.ts',
	'tests/bench/compact-collections.ts',
	'tests/bench/upkeep-schedule.ts',
	'tests/bench/wall-clock.ts',
	'tests/bench/wall-clock-shim.c',
	'tests/bench/page/generate.ts',
	'tests/bench/page/random.ts',
	'tests/bench/page/raw-idb.ts',
	'tests/bench/page/generator.ts',
	'src/lib/domain/scheduler.ts',
	'src/lib/domain/preset.ts',
	'src/lib/domain/queue-policy.ts',
	'src/lib/domain/deck-records.ts',
	'src/lib/domain/model.ts',
	'src/lib/storage/db.ts'
];

interface Template {
	root: string;
	name: string;
	dir: string;
	meta: string;
}

interface TemplateMeta {
	madeAt: number;
	minutes: number;
	collections: CollectionCounts[];
	/** What the restores in `collections` ran on (restore-baseline.ts; older templates: none). */
	timedWith?: TimedWith;
	/** The 1-minute load average when each size's generation ended. */
	loads?: number[];
	/**
	 * Per size, how long Chromium's own compaction of the written collection took (ms; null: it
	 * did not run), or undefined when it could not be run (compact-collections.ts).
	 */
	compactionMs?: (number | null)[];
}

function templateFor(sizes: number[], origins: string[]): Template {
	const hash = createHash('sha256');
	for (const file of SOURCES) {
		hash.update(readFileSync(file));
	}
	hash.update(JSON.stringify({ sizes, origins, seed: SEED }));
	const root = cacheRoot();
	const name = hash.digest('hex').slice(0, 16);
	const dir = `${root}/${name}`;
	return { root, name, dir, meta: `${dir}/collections.json` };
}

function readMeta(template: Template, now: number): TemplateMeta | undefined {
	if (!existsSync(template.meta)) {
		return undefined;
	}
	const meta = JSON.parse(readFileSync(template.meta, 'utf8')) as TemplateMeta;
	return now - meta.madeAt < MAX_AGE_MS ? meta : undefined;
}

/**
 * Runs `expression` on a blank page of `origin` with the generator script (page/generator.ts),
 * served by the browser itself, so the app's build and server are not needed.
 */
async function inGeneratorPage<T>(
	context: BrowserContext,
	origin: string,
	generator: string,
	expression: string
): Promise<T> {
	const page = await openBlankPage(
		context,
		origin,
		'/bench-generator',
		'Engram bench generator',
		generator
	);
	try {
		return await inPage<T>(page, expression);
	} finally {
		await page.close();
	}
}

/** Generates one collection: the script creates `engram` with the app's schema, then the records. */
function generateOne(
	context: BrowserContext,
	origin: string,
	cards: number,
	generator: string,
	now: number
): Promise<CollectionCounts> {
	const spec = { cards, seed: SEED + cards, now };
	return inGeneratorPage(
		context,
		origin,
		generator,
		`engramGenerator.generate(${JSON.stringify(spec)})`
	);
}

async function makeTemplate(
	template: Template,
	sizes: number[],
	origins: string[],
	log: (message: string) => void
): Promise<TemplateMeta> {
	const generator = await bundle('tests/bench/page/generator.ts');
	// A template here is stale (or was cut short): ensureTemplate found no fresh one.
	rmSync(template.dir, { recursive: true, force: true });
	const removed = prune(template.root, template.dir, MAX_AGE_MS);
	if (removed.length > 0) {
		log(`removed stale collections from ${template.root}: ${removed.join(', ')}`);
	}
	const scratch = scratchDir(template.root, template.name);
	const started = Date.now();
	const context = await launchPersistent(`${scratch}/profile`);
	const loads: number[] = [];
	let collections: CollectionCounts[];
	let ranOn: TimedWith;
	try {
		ranOn = timedWith(await chromiumVersion(context), generator);
		// Side by side, each on its own page and origin: the smaller ones are written while the
		// largest is still being generated and packed (20 s at 100k), so they add little to it.
		collections = await Promise.all(
			sizes.map(async (size, i) => {
				log(`generating ${size} cards`);
				const counts = await generateOne(context, origins[i]!, size, generator, started);
				loads[i] = Number(loadavg()[0]!.toFixed(1));
				log(`  ${size}: ${JSON.stringify(counts)}`);
				return counts;
			})
		);
	} finally {
		await context.close();
	}
	const minutes = (Date.now() - started) / 60_000;
	log('compacting the collections with Chromium’s own close-time upkeep, as after an import');
	const compactionMs = await compactCollections(`${scratch}/profile`, origins, log);
	const meta = { madeAt: started, minutes, collections, timedWith: ranOn, loads, compactionMs };
	writeFileSync(`${scratch}/collections.json`, JSON.stringify(meta, null, 1));
	publish(scratch, template.dir);
	log(`collections kept in ${template.dir} for later runs (any clone on this machine)`);
	return meta;
}

/**
 * Keeps today's daily snapshot in each collection (page/generator.ts, renewDailyPoint), so the app
 * has none to take during the run: a full backup of 100k cards would run beside what is measured.
 */
async function renewDailyPoints(
	context: BrowserContext,
	origins: string[],
	generator: string,
	log: (message: string) => void
): Promise<void> {
	for (const origin of origins) {
		const at = await inGeneratorPage<number | undefined>(
			context,
			origin,
			generator,
			`engramGenerator.renewDailyPoint('engram', ${Date.now()})`
		);
		log(`${origin}: daily snapshot ${at ? `of ${new Date(at).toISOString()}` : 'missing'}`);
	}
}

/** Opens each origin once, so the build under test installs its worker and the app sees the data. */
async function openApp(context: BrowserContext, origin: string): Promise<void> {
	const page = await context.newPage();
	try {
		const cdp = await context.newCDPSession(page);
		await cdp.send('Storage.clearDataForOrigin', {
			origin,
			storageTypes: 'service_workers,cache_storage'
		});
		await cdp.detach();
		await page.goto(`${origin}/`);
		await page.getByRole('link', { name: /^Study Bench/ }).waitFor({ timeout: 60_000 });
		await waitForServiceWorker(page);
	} finally {
		await page.close();
	}
}

export interface Collections {
	context: BrowserContext;
	/** The working copy's profile directory the context runs on. */
	profile: string;
	counts: CollectionCounts[];
	/** Whether the collections were generated in this run (or copied from an earlier one). */
	generated: boolean;
	/** Minutes the generation took when it was done (in this run or the one that made them). */
	generationMinutes: number;
	/** Whether Chromium compacted every collection after writing it (compact-collections.ts). */
	compacted: boolean;
	/** The restore that wrote each size when the collections were made (restore-baseline.ts). */
	restores: RestoreTiming[];
	/** What a restore timed in this run would run on. */
	current: TimedWith;
}

/**
 * The template profile holding every collection: generated unless a fresh one exists for these
 * sources. Needs no build, so scripts/bench.js runs it while the app builds.
 */
export async function ensureTemplate(
	sizes: number[],
	origins: string[],
	log: (message: string) => void
): Promise<{ template: Template; meta: TemplateMeta; generated: boolean }> {
	const template = templateFor(sizes, origins);
	const cached = readMeta(template, Date.now());
	if (cached) {
		return { template, meta: cached, generated: false };
	}
	return { template, meta: await makeTemplate(template, sizes, origins, log), generated: true };
}

/**
 * A browser context whose profile holds every collection: copied from the template, after
 * generating the template if there is none for these sources yet.
 */
export async function openCollections(
	sizes: number[],
	origins: string[],
	probes: string,
	log: (message: string) => void
): Promise<Collections> {
	const found = await ensureTemplate(sizes, origins, log);
	const { template, meta } = found;
	// Made by scripts/bench.js's prepare step, beside the build, in this same run?
	const generated = found.generated || meta.madeAt >= Number(process.env.BENCH_STARTED ?? Infinity);
	log(generated ? 'collections generated' : `collections from ${template.dir} (no generation)`);
	const compacted = !!meta.compactionMs?.every((ms) => ms !== null);
	log(
		compacted
			? 'collections compacted by Chromium'
			: 'collections NOT compacted when made: cold starts open them as written (README "Performance")'
	);
	// One working copy per first port, so two runs on other ports never share a profile.
	const working = `${WORKING_ROOT}/working-profile-${new URL(origins[0]!).port}`;
	rmSync(working, { recursive: true, force: true });
	cpSync(`${template.dir}/profile`, working, { recursive: true });
	const context = await launchPersistent(working);
	const generator = await bundle('tests/bench/page/generator.ts');
	await renewDailyPoints(context, origins, generator, log);
	const current = timedWith(await chromiumVersion(context), generator);
	await context.addInitScript({ content: probes });
	for (const origin of origins) {
		await openApp(context, origin);
	}
	return {
		context,
		profile: working,
		counts: meta.collections,
		generated,
		generationMinutes: meta.minutes,
		compacted,
		restores: meta.collections.map((counts, i) => ({
			ms: counts.restoreMs,
			madeAt: meta.madeAt,
			load: meta.loads?.[i],
			timedWith: meta.timedWith
		})),
		current
	};
}
