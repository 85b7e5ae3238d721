/**
 * The collection generator's in-page script (bundled alone: it carries the app's Dexie schema,
 * which the measuring toolkit does not need). It runs on a blank page of the collection's origin,
 * so collections can be made while the app is still building: the app's own `EngramDB` creates
 * the `engram` database with every store and index, then the generator writes the records with
 * the raw IndexedDB API.
 */
import { EngramDB } from '$lib/storage/db';
import { generateCollection, type CollectionSpec } from './generate';

async function generate(spec: CollectionSpec) {
	const schema = new EngramDB(spec.dbName);
	await schema.open();
	schema.close();
	return generateCollection(indexedDB, spec);
}

const generator = { generate };

declare global {
	var engramGenerator: typeof generator;
}

globalThis.engramGenerator = generator;
