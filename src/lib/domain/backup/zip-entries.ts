/**
 * Random access to one entry of a zip without unpacking the others: the central directory says
 * where each entry starts, and a stored or deflated entry is handed out in small chunks (inflated
 * as it goes, synchronously, so a caller can read it between the requests of an open IndexedDB
 * transaction). A restore never holds more than a chunk of a table's text this way.
 *
 * The zip itself is read through a `ZipSource`, a slice at a time: bytes already in memory, or
 * (in the backup worker) the chosen File read with FileReaderSync, so the file is never loaded
 * whole. The reads must be synchronous: an `await` on anything but IndexedDB inside the restore's
 * transaction would let the browser commit it part-way, breaking all-or-nothing. That is also
 * why this is not fflate's streaming `Unzip` over `blob.stream()`: that stream is asynchronous,
 * and it reads entries front to back, while a restore visits tables in dependency order and
 * media by hash.
 */
import { Inflate } from 'fflate';
import { BACKUP_MESSAGES as MESSAGES, BackupError } from './format';

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflated. */
	method: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** Compressed bytes read and pushed to the inflater at a time (fflate inflates small pushes faster). */
export const ZIP_CHUNK = 64 * 1024;

/** A zip read slice by slice, synchronously. */
export interface ZipSource {
	readonly size: number;
	/** `length` bytes from `offset` (fewer only past the end). */
	read(offset: number, length: number): Uint8Array;
	/** How many compressed bytes to read at a time (ZIP_CHUNK when absent). */
	readonly chunk?: number;
}

/** A zip already in memory, or one read slice by slice. */
export type ZipBytes = Uint8Array | ZipSource;

/** Bytes in memory as a source (a view per read, no copy). */
export function bytesSource(bytes: Uint8Array, chunk?: number): ZipSource {
	return {
		size: bytes.length,
		chunk,
		read: (offset, length) => bytes.subarray(offset, offset + length)
	};
}

export const toSource = (zip: ZipBytes): ZipSource =>
	zip instanceof Uint8Array ? bytesSource(zip) : zip;

function damaged(): never {
	throw new BackupError(MESSAGES.badZip);
}

/** The end-of-central-directory record (it may be followed by a comment of up to 64 KB). */
function endOfDirectory(source: ZipSource): DataView {
	const start = Math.max(0, source.size - 22 - 0xffff);
	const tail = source.read(start, source.size - start);
	const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
	for (let at = tail.length - 22; at >= 0; at -= 1) {
		if (view.getUint32(at, true) === END_OF_DIRECTORY) {
			return new DataView(tail.buffer, tail.byteOffset + at, 22);
		}
	}
	return damaged();
}

/** Every entry of the zip by name, read from its central directory; a BackupError if damaged. */
export function zipDirectory(zip: ZipBytes): Map<string, ZipEntry> {
	const source = toSource(zip);
	if (source.size < 22) {
		damaged();
	}
	const end = endOfDirectory(source);
	const count = end.getUint16(10, true);
	const size = end.getUint32(12, true);
	const offset = end.getUint32(16, true);
	if (offset + size > source.size) {
		damaged();
	}
	const bytes = source.read(offset, size);
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const entries = new Map<string, ZipEntry>();
	const decoder = new TextDecoder();
	let at = 0;
	for (let i = 0; i < count; i += 1) {
		if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
			damaged();
		}
		const nameLength = view.getUint16(at + 28, true);
		const entry: ZipEntry = {
			name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
			method: view.getUint16(at + 10, true),
			compressedSize: view.getUint32(at + 20, true),
			size: view.getUint32(at + 24, true),
			localOffset: view.getUint32(at + 42, true)
		};
		entries.set(entry.name, entry);
		at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
	}
	return entries;
}

/** Where the entry's compressed bytes start in the zip (after its local header). */
function dataStart(source: ZipSource, entry: ZipEntry): number {
	const at = entry.localOffset;
	const header = at + 30 <= source.size ? source.read(at, 30) : new Uint8Array();
	const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
	if (header.length < 30 || view.getUint32(0, true) !== LOCAL_HEADER) {
		damaged();
	}
	const start = at + 30 + view.getUint16(26, true) + view.getUint16(28, true);
	if (start + entry.compressedSize > source.size) {
		damaged();
	}
	return start;
}

/** The entry's unpacked bytes, chunk by chunk; checks the unpacked size the directory states. */
export function* entryChunks(zip: ZipBytes, entry: ZipEntry): Generator<Uint8Array> {
	const source = toSource(zip);
	const start = dataStart(source, entry);
	if (entry.method !== 0 && entry.method !== 8) {
		damaged();
	}
	const step = source.chunk ?? ZIP_CHUNK;
	let produced = 0;
	const out: Uint8Array[] = [];
	const inflater = new Inflate((chunk) => {
		out.push(chunk);
	});
	for (let done = 0; done < entry.compressedSize || done === 0; done += step) {
		const slice = source.read(start + done, Math.min(step, entry.compressedSize - done));
		const final = done + step >= entry.compressedSize;
		if (entry.method === 0) {
			out.push(slice);
		} else {
			try {
				inflater.push(slice, final);
			} catch {
				damaged();
			}
		}
		for (const chunk of out.splice(0)) {
			produced += chunk.length;
			yield chunk;
		}
		if (final) {
			break;
		}
	}
	if (produced !== entry.size) {
		damaged();
	}
}

/** Bytes gathered before they join the Blob: few joins, and never the whole file in the heap. */
const BLOB_PIECE = 1024 * 1024;

/**
 * The entry as a Blob of `type`, built a piece at a time (a media file being restored): the heap
 * holds about a megabyte of it at once, the Blob the rest (outside the JS heap in browsers).
 */
export function entryBlob(zip: ZipBytes, entry: ZipEntry, type: string): Blob {
	let blob = new Blob([], { type });
	let piece: Uint8Array<ArrayBuffer>[] = [];
	let pieceBytes = 0;
	const join = () => {
		blob = new Blob([blob, ...piece], { type });
		piece = [];
		pieceBytes = 0;
	};
	for (const chunk of entryChunks(zip, entry)) {
		piece.push(chunk as Uint8Array<ArrayBuffer>);
		pieceBytes += chunk.length;
		if (pieceBytes >= BLOB_PIECE) {
			join();
		}
	}
	join();
	return blob;
}

/** The whole entry in one array (the manifest: small, and needed whole). */
export function entryBytes(zip: ZipBytes, entry: ZipEntry): Uint8Array {
	const whole = new Uint8Array(entry.size);
	let at = 0;
	for (const chunk of entryChunks(zip, entry)) {
		if (at + chunk.length > whole.length) {
			damaged();
		}
		whole.set(chunk, at);
		at += chunk.length;
	}
	return whole;
}
