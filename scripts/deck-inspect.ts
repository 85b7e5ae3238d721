// `npm run deck -- inspect <file>`: runs the app's importer in Node and prints what it found as
// JSON. Bad input exits with status 1 and the same one-line message the import screen shows.
import { readFileSync } from 'node:fs';
import initSqlJs from 'sql.js';
import { describeImportError } from '../src/lib/domain/import/errors';
import { inspectBundle } from '../src/lib/domain/import/inspect';
import { parseImport } from '../src/lib/domain/import/parse-import';

export async function run(args: string[]): Promise<number> {
	const [file] = args;
	if (!file) {
		console.error('Usage: npm run deck -- inspect <file>');
		return 2;
	}
	let bytes: Uint8Array;
	try {
		bytes = new Uint8Array(readFileSync(file));
	} catch {
		console.error(`The file ${file} cannot be read.`);
		return 1;
	}
	try {
		const bundle = await parseImport(file, bytes, { now: new Date(), loadSql: () => initSqlJs() });
		console.log(JSON.stringify(inspectBundle(bundle), null, 2));
		return 0;
	} catch (error) {
		console.error(describeImportError(error));
		return 1;
	}
}
