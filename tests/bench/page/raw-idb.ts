/**
 * The raw IndexedDB API, promisified just enough for the bench: opening a database, writing
 * records in transactions of a fixed size, and reading back one record.
 */
export const BATCH_SIZE = 1000;

export function requestResult<T>(request: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
	});
}

/** Opens an existing database at its current version (the app created it and owns its schema). */
export function openDatabase(idb: IDBFactory, name: string): Promise<IDBDatabase> {
	return requestResult(idb.open(name));
}

export function transactionDone(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

/** Writes `records` into `store` in one readwrite transaction and waits for it to commit. */
export async function putAll(
	db: IDBDatabase,
	store: string,
	records: unknown[],
	durability: IDBTransactionDurability = 'default'
): Promise<void> {
	const tx = db.transaction(store, 'readwrite', { durability });
	const objects = tx.objectStore(store);
	for (const record of records) {
		objects.put(record);
	}
	await transactionDone(tx);
}

/**
 * Buffers records per store and commits each full buffer as one transaction of `size` records.
 * A few transactions stay in flight, so the browser's storage thread writes while the page builds
 * the next batch (as a real importer should).
 */
export class BatchWriter {
	#buffers = new Map<string, unknown[]>();
	#inFlight = new Set<Promise<void>>();
	#failure: unknown;
	transactions = 0;
	records = 0;

	constructor(
		private readonly db: IDBDatabase,
		private readonly size = BATCH_SIZE,
		private readonly maxInFlight = 4,
		/** 'relaxed' for the generator (no flush per commit); the baseline writes as the app does. */
		private readonly durability: IDBTransactionDurability = 'default'
	) {}

	async add(store: string, record: unknown): Promise<void> {
		const buffer = this.#buffers.get(store) ?? [];
		this.#buffers.set(store, buffer);
		buffer.push(record);
		if (buffer.length >= this.size) {
			await this.#flush(store);
		}
	}

	async close(): Promise<void> {
		for (const store of [...this.#buffers.keys()]) {
			await this.#flush(store);
		}
		await Promise.all(this.#inFlight);
		this.#throwIfFailed();
	}

	async #flush(store: string): Promise<void> {
		const buffer = this.#buffers.get(store) ?? [];
		this.#buffers.set(store, []);
		if (buffer.length === 0) {
			return;
		}
		const write = putAll(this.db, store, buffer, this.durability).then(
			() => {
				this.transactions += 1;
				this.records += buffer.length;
			},
			(error: unknown) => {
				this.#failure ??= error;
			}
		);
		this.#inFlight.add(write);
		void write.finally(() => this.#inFlight.delete(write));
		if (this.#inFlight.size >= this.maxInFlight) {
			await Promise.race(this.#inFlight);
		}
		this.#throwIfFailed();
	}

	#throwIfFailed(): void {
		if (this.#failure !== undefined) {
			throw this.#failure instanceof Error ? this.#failure : new Error(String(this.#failure));
		}
	}
}
