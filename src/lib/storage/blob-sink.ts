/**
 * Gathers a stream's chunks into a Blob. Small chunks are joined into a Blob every few hundred
 * kilobytes, so the bytes move out of the JS heap (a browser keeps Blob data in its own store)
 * while the stream is still being made, and the heap holds at most one batch.
 */
const BATCH_BYTES = 512 * 1024;

export class BlobSink {
	#parts: Blob[] = [];
	#batch: Uint8Array[] = [];
	#batchBytes = 0;
	#type: string;

	constructor(type: string) {
		this.#type = type;
	}

	add(chunk: Uint8Array): void {
		this.#batch.push(chunk);
		this.#batchBytes += chunk.length;
		if (this.#batchBytes >= BATCH_BYTES) {
			this.#flush();
		}
	}

	finish(): Blob {
		this.#flush();
		return new Blob(this.#parts, { type: this.#type });
	}

	#flush(): void {
		if (this.#batch.length > 0) {
			this.#parts.push(new Blob(this.#batch as BlobPart[]));
			this.#batch = [];
			this.#batchBytes = 0;
		}
	}
}
