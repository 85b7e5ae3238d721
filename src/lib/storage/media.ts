/**
 * Media files by content: the key is the SHA-256 of the bytes, so the same picture imported twice
 * (or from two devices) is stored once. Cards refer to media by file name, as in Anki.
 */
import { sha256Hex } from '$lib/domain/sha256';
import type { EngramDB, MediaRecord } from './db';

export { sha256Hex };

export interface NewMedia {
	name: string;
	type: string;
	bytes: Uint8Array;
}

/** Hashes before any transaction: awaiting crypto inside one would let IndexedDB commit early. */
export async function toMediaRecords(media: NewMedia[], now: Date): Promise<MediaRecord[]> {
	return Promise.all(
		media.map(async (m) => ({
			hash: await sha256Hex(m.bytes),
			name: m.name,
			type: m.type,
			bytes: m.bytes.slice().buffer,
			mtime: now.getTime()
		}))
	);
}

/** The newest file stored under this name, if any. */
export async function mediaByName(db: EngramDB, name: string): Promise<MediaRecord | undefined> {
	const matches = await db.media.where('name').equals(name).toArray();
	return matches.sort((a, b) => b.mtime - a.mtime)[0];
}

const urlCache = new Map<string, string>();

/**
 * The object URLs already made for these names, without a read: a card whose media were loaded
 * ahead (the study screen's next card) shows them in its first paint.
 */
export function cachedMediaUrls(names: string[]): Map<string, string> {
	const urls = new Map<string, string>();
	for (const name of names) {
		const cached = urlCache.get(name);
		if (cached) {
			urls.set(name, cached);
		}
	}
	return urls;
}

/** Object URLs for the media a card names; names with no stored file are left out. */
export async function mediaUrls(db: EngramDB, names: string[]): Promise<Map<string, string>> {
	const urls = new Map<string, string>();
	for (const name of new Set(names)) {
		const cached = urlCache.get(name);
		if (cached) {
			urls.set(name, cached);
			continue;
		}
		const record = (await mediaByName(db, name)) ?? (await mediaByName(db, decodeName(name)));
		if (record) {
			const url = URL.createObjectURL(new Blob([record.bytes], { type: record.type }));
			urlCache.set(name, url);
			urls.set(name, url);
		}
	}
	return urls;
}

function decodeName(name: string): string {
	try {
		return decodeURIComponent(name.replace(/&amp;/g, '&'));
	} catch {
		return name;
	}
}
