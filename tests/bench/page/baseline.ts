/**
 * The import baseline: the records an import wrote, read back from `engram` and written again with
 * the raw IndexedDB API, in 1,000-record transactions one after another, into a scratch database
 * with exactly the same stores and indexes (copied from `engram`, so it never drifts from db.ts).
 */
import { BatchWriter, openDatabase, requestResult, transactionDone } from './raw-idb';

const SCRATCH = 'engram-bench-baseline';
const STORES = ['decks', 'noteTypes', 'notes', 'cards', 'reviews'];

interface IndexShape {
	name: string;
	keyPath: string | string[];
	unique: boolean;
	multiEntry: boolean;
}

interface StoreShape {
	name: string;
	keyPath: string | string[] | null;
	autoIncrement: boolean;
	indexes: IndexShape[];
}

function shapesOf(db: IDBDatabase): StoreShape[] {
	const tx = db.transaction([...db.objectStoreNames], 'readonly');
	return [...db.objectStoreNames].map((name) => {
		const store = tx.objectStore(name);
		return {
			name,
			keyPath: store.keyPath,
			autoIncrement: store.autoIncrement,
			indexes: [...store.indexNames].map((indexName) => {
				const index = store.index(indexName);
				return {
					name: indexName,
					keyPath: index.keyPath,
					unique: index.unique,
					multiEntry: index.multiEntry
				};
			})
		};
	});
}

async function createLike(shapes: StoreShape[]): Promise<IDBDatabase> {
	await requestResult(indexedDB.deleteDatabase(SCRATCH));
	const request = indexedDB.open(SCRATCH, 1);
	request.onupgradeneeded = () => {
		for (const shape of shapes) {
			const store = request.result.createObjectStore(shape.name, {
				keyPath: shape.keyPath,
				autoIncrement: shape.autoIncrement
			});
			for (const index of shape.indexes) {
				store.createIndex(index.name, index.keyPath, {
					unique: index.unique,
					multiEntry: index.multiEntry
				});
			}
		}
	};
	return requestResult(request);
}

async function readAll(db: IDBDatabase): Promise<Map<string, unknown[]>> {
	const tx = db.transaction(STORES, 'readonly');
	const all = new Map<string, unknown[]>();
	for (const name of STORES) {
		all.set(name, await requestResult(tx.objectStore(name).getAll()));
	}
	await transactionDone(tx);
	return all;
}

export interface BaselineResult {
	ms: number;
	records: number;
	transactions: number;
}

/** What prepareBaseline read and created, for writeBaseline. */
let prepared: { scratch: IDBDatabase; records: Map<string, unknown[]> } | undefined;

/**
 * The untimed half: reads back what the import wrote and creates the empty scratch database.
 * Separate from the writes so the harness can let the browser's storage settle in between
 * (tests/bench/storage-quiet.ts), as it does before the import. Resolves with the record count.
 */
export async function prepareBaseline(): Promise<number> {
	const source = await openDatabase(indexedDB, 'engram');
	const [shapes, records] = [shapesOf(source), await readAll(source)];
	source.close();
	prepared = { scratch: await createLike(shapes), records };
	return [...records.values()].reduce((sum, rows) => sum + rows.length, 0);
}

/**
 * The timed half: writes the prepared records, then deletes the scratch database unless `keep`
 * (an origin used once: deleting 20k-230k records leaves the browser's storage threads seconds
 * of clean-up, which would run beside the next run's import on another origin).
 */
export async function writeBaseline(keep = false): Promise<BaselineResult> {
	if (!prepared) {
		throw new Error('prepareBaseline() first');
	}
	const { scratch, records } = prepared;
	prepared = undefined;
	try {
		const writer = new BatchWriter(scratch, 1000, 1);
		const started = performance.now();
		for (const [store, rows] of records) {
			for (const row of rows) {
				await writer.add(store, row);
			}
		}
		await writer.close();
		const ms = performance.now() - started;
		return { ms, records: writer.records, transactions: writer.transactions };
	} finally {
		scratch.close();
		if (!keep) {
			await requestResult(indexedDB.deleteDatabase(SCRATCH));
		}
	}
}
