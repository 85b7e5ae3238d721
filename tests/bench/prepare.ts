/**
 * What a bench run needs besides the build, made while the app builds (scripts/bench.js runs
 * `prepare.ts collections` and `prepare.ts fixtures` beside `vite build`): the generated
 * collections (a Chromium profile) and the .apkg files to import. Each is kept under
 * tests/.results/ until its sources change, so a second run finds them and does nothing.
 */
import { ensureTemplate, SEED } from './collections';
import { IMPORT_NOTES, ORIGINS, SIZES } from './config';
import { importFixtures } from './import-fixtures';

const log = (message: string) =>
	console.log(`[bench prepare ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function prepare(what: string | undefined): Promise<void> {
	if (what === 'collections') {
		const { generated, meta } = await ensureTemplate(SIZES, ORIGINS, log);
		log(
			generated ? `collections generated in ${meta.minutes.toFixed(1)} min` : 'collections cached'
		);
	} else if (what === 'fixtures') {
		await importFixtures(IMPORT_NOTES, SEED);
		log('import files ready');
	} else {
		throw new Error('Usage: tsx tests/bench/prepare.ts collections|fixtures');
	}
}

prepare(process.argv[2]).catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
