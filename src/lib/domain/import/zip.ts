/** Reading Anki packages (zip archives) with fflate, with limits and one-sentence errors. */
import { unzipSync } from 'fflate';
import { ImportError, MAX_UNPACKED_BYTES, MESSAGES } from './errors';

export function isZip(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
	);
}

/** Every entry of the archive by name. Throws ImportError on a truncated or corrupt archive. */
export function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
	if (!isZip(bytes)) {
		throw new ImportError(MESSAGES.notZip);
	}
	let tooLarge = false;
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes, {
			filter: (file) => {
				if (file.originalSize > MAX_UNPACKED_BYTES) {
					tooLarge = true;
				}
				return !tooLarge;
			}
		});
	} catch {
		throw new ImportError(MESSAGES.badZip);
	}
	if (tooLarge) {
		throw new ImportError(MESSAGES.unpackedTooLarge);
	}
	return entries;
}
