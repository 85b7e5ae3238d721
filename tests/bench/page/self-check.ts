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

/** `runs` alternating rounds of both ways of writing 1,000 records, in a scratch database. */
export async function selfCheck(runs: number): Promise<SelfCheckRun[]> {
	const db = await openScratch();
	const results: SelfCheckRun[] = [];
	try {
		for (let round = 0; round < runs; round += 1) {
			const first = round % 2 === 0;
			const batched = first ? await oneTransaction(db, round * 2) : 0;
			const single = await singleTransactions(db, round * 2 + 1);
			const batchedLate = first ? batched : await oneTransaction(db, round * 2);
			results.push({ single, batched: batchedLate });
		}
	} finally {
		db.close();
		await requestResult(indexedDB.deleteDatabase(SCRATCH_DB));
	}
	return results;
}
