/**
 * A chosen backup File (or a kept restore point's Blob) as a ZipSource, read a slice at a time
 * with FileReaderSync: the file is never loaded whole, and each read is synchronous, so it can
 * happen inside the restore's IndexedDB transaction without letting it commit early (see
 * domain/backup/zip-entries.ts). FileReaderSync exists only in workers, where restores run.
 */
import { BackupError } from '$lib/domain/backup/format';
import type { ZipBytes, ZipSource } from '$lib/domain/backup/zip-entries';

interface SyncReader {
	readAsArrayBuffer(blob: Blob): ArrayBuffer;
}
type SyncReaderClass = new () => SyncReader;

const UNREADABLE = 'The backup file could not be read any more: choose it again.';

export function fileSource(file: Blob, Reader: SyncReaderClass): ZipSource {
	const reader = new Reader();
	return {
		size: file.size,
		read: (offset, length) => {
			try {
				return new Uint8Array(reader.readAsArrayBuffer(file.slice(offset, offset + length)));
			} catch {
				// The file was moved or changed since it was chosen.
				throw new BackupError(UNREADABLE);
			}
		}
	};
}

/** In a worker, the file read slice by slice; where there is no FileReaderSync, its bytes. */
export async function zipOf(file: Blob): Promise<ZipBytes> {
	const Reader = (globalThis as { FileReaderSync?: SyncReaderClass }).FileReaderSync;
	return Reader ? fileSource(file, Reader) : new Uint8Array(await file.arrayBuffer());
}
