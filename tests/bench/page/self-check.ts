/**
 * The harness checks itself before measuring anything: if 1,000 single-record transactions are not
 * at least 10 x slower than one 1,000-record transaction, the browser is not really writing to
 * IndexedDB (or the clock is broken), and no figure the bench prints could be trusted.
 */
import { putAll, requestResult, transactionDone } from './raw-idb';

const SCRATCH_DB = 'engram-bench-self-check';
export const SELF_CHECK_MIN_RATIO = 10;

function openScratch(): Promise<IDBDatabase> {
	const request = indexedDB.open(SCRATCH_DB, 1);
	request.onupgradeneeded = () => {
		request.result.createObjectStore('records', { keyPath: 'id' });
	};
	return requestResult(request);
}

function records(round: number, count: number): { id: string; round: number; text: string }[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `${round}-${i}`,
		round,
		text: `record ${i} of round ${round}`
	}));
}

async function singleTransactions(db: IDBDatabase, round: number): Promise<number> {
	const started = performance.now();
	for (const record of records(round, 1000)) {
		const tx = db.transaction('records', 'readwrite');
		tx.objectStore('records').put(record);
		await transactionDone(tx);
	}
	return performance.now() - started;
}

async function oneTransaction(db: IDBDatabase, round: number): Promise<number> {
	const started = performance.now();
	await putAll(db, 'records', records(round, 1000));
	return performance.now() - started;
}

export interface SelfCheckRun {
	single: number;
	batched: number;
}

/**
 * `runs` rounds, alternating which way of writing goes first. The batched write is timed three
 * times per round and the fastest kept: it is short, so one scheduling hiccup on a busy machine
 * would otherwise dominate it.
 */
export async function selfCheck(runs: number): Promise<SelfCheckRun[]> {
	const db = await openScratch();
	const results: SelfCheckRun[] = [];
	const batchedBest = async (round: number) =>
		Math.min(
			await oneTransaction(db, round * 10),
			await oneTransaction(db, round * 10 + 1),
			await oneTransaction(db, round * 10 + 2)
		);
	try {
		// A warm-up round, not counted: the first transactions also create the database files.
		await batchedBest(-1);
		for (let round = 0; round < runs; round += 1) {
			const first = round % 2 === 0 ? await batchedBest(round) : undefined;
			const single = await singleTransactions(db, round * 10 + 5);
			const batched = first ?? (await batchedBest(round));
			results.push({ single, batched });
		}
	} finally {
		db.close();
		await requestResult(indexedDB.deleteDatabase(SCRATCH_DB));
	}
	return results;
}
