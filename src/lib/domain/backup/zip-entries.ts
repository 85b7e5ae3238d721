/**
 * Random access to one entry of a zip without unpacking the others: the central directory says
 * where each entry starts, and a stored or deflated entry is handed out in small chunks (inflated
 * as it goes, synchronously, so a caller can read it between the requests of an open IndexedDB
 * transaction). A restore never holds more than a chunk of a table's text this way.
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
/** Compressed bytes pushed to the inflater at a time (fflate inflates small pushes faster). */
const CHUNK = 64 * 1024;

function damaged(): never {
	throw new BackupError(MESSAGES.badZip);
}

/** Where the end-of-central-directory record starts (it may be followed by a comment). */
function endOfDirectory(view: DataView): number {
	const last = view.byteLength - 22;
	for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
		if (view.getUint32(at, true) === END_OF_DIRECTORY) {
			return at;
		}
	}
	return damaged();
}

/** Every entry of the zip by name, read from its central directory; a BackupError if damaged. */
export function zipDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.byteLength < 22) {
		damaged();
	}
	const end = endOfDirectory(view);
	const count = view.getUint16(end + 10, true);
	let at = view.getUint32(end + 16, true);
	const entries = new Map<string, ZipEntry>();
	const decoder = new TextDecoder();
	for (let i = 0; i < count; i += 1) {
		if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) {
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

/** The entry's compressed bytes (a view into the zip, not a copy). */
function rawBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const at = entry.localOffset;
	if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
		damaged();
	}
	const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
	if (start + entry.compressedSize > bytes.length) {
		damaged();
	}
	return bytes.subarray(start, start + entry.compressedSize);
}

/** The entry's unpacked bytes, chunk by chunk; checks the unpacked size the directory states. */
export function* entryChunks(bytes: Uint8Array, entry: ZipEntry): Generator<Uint8Array> {
	const raw = rawBytes(bytes, entry);
	if (entry.method !== 0 && entry.method !== 8) {
		damaged();
	}
	let produced = 0;
	const out: Uint8Array[] = [];
	const inflater = new Inflate((chunk) => {
		out.push(chunk);
	});
	for (let start = 0; start < raw.length || start === 0; start += CHUNK) {
		const slice = raw.subarray(start, start + CHUNK);
		const final = start + CHUNK >= raw.length;
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

/** The whole entry in one array (media files, the manifest: small or needed whole anyway). */
export function entryBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
	const raw = rawBytes(bytes, entry);
	if (entry.method === 0) {
		if (raw.length !== entry.size) {
			damaged();
		}
		return raw;
	}
	const whole = new Uint8Array(entry.size);
	let at = 0;
	for (const chunk of entryChunks(bytes, entry)) {
		if (at + chunk.length > whole.length) {
			damaged();
		}
		whole.set(chunk, at);
		at += chunk.length;
	}
	return whole;
}
