/** Anki 2.1.50+ packages compress the collection, media list and media files with zstd. */
import { decompress } from 'fzstd';
import { ImportError, MESSAGES } from './errors';

export function isZstd(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 4 &&
		bytes[0] === 0x28 &&
		bytes[1] === 0xb5 &&
		bytes[2] === 0x2f &&
		bytes[3] === 0xfd
	);
}

export function unzstd(bytes: Uint8Array, errorMessage: string = MESSAGES.badZstd): Uint8Array {
	if (!isZstd(bytes)) {
		throw new ImportError(errorMessage);
	}
	try {
		return decompress(bytes);
	} catch {
		throw new ImportError(errorMessage);
	}
}
