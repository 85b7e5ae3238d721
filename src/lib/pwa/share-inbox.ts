/**
 * A one-item inbox between the service worker, which receives what another app shares with
 * Engram (a POST to the share target), and the page it then opens, which takes it out. Cache
 * Storage is used because both sides can reach it and it holds Files as they are.
 */
import { SHARED_PARAM } from './share-param';

export { SHARE_TARGET_PATH } from './web-manifest';
export { SHARED_PARAM };

const INBOX = 'engram-share-inbox';
const TEXT_KEY = '/share-inbox/text';
const FILE_PREFIX = '/share-inbox/file/';

export interface Shared {
	files: File[];
	text: string | undefined;
}

/** Joins the shared title, text and link, leaving out empty and repeated parts. */
export function sharedText(form: FormData): string | undefined {
	const parts = ['title', 'text', 'url']
		.map((key) => form.get(key))
		.filter((value): value is string => typeof value === 'string' && value.trim() !== '')
		.map((value) => value.trim());
	const unique = [...new Set(parts)];
	// Apps often repeat the link inside the text: keep only parts no other part contains.
	const kept = unique.filter(
		(part) => !unique.some((other) => other !== part && other.includes(part))
	);
	return kept.length > 0 ? kept.join('\n') : undefined;
}

/** Service worker side: keeps what was shared and returns the page that should handle it. */
export async function stashShared(form: FormData): Promise<string> {
	const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
	const text = sharedText(form);
	const cache = await caches.open(INBOX);
	await clear(cache);
	for (const [i, file] of files.entries()) {
		const headers = { 'Content-Type': file.type || 'application/octet-stream' };
		await cache.put(
			`${FILE_PREFIX}${i}/${encodeURIComponent(file.name)}`,
			new Response(file, { headers })
		);
	}
	if (text !== undefined) {
		await cache.put(TEXT_KEY, new Response(text));
	}
	// Files are decks to import; text alone becomes a new deck.
	return `${files.length > 0 ? '/import' : '/new'}?${SHARED_PARAM}=1`;
}

/** Page side: empties the inbox and returns what was in it. */
export async function takeShared(): Promise<Shared> {
	if (!(await caches.has(INBOX))) {
		return { files: [], text: undefined };
	}
	const cache = await caches.open(INBOX);
	const files: File[] = [];
	let text: string | undefined;
	for (const request of await cache.keys()) {
		const response = await cache.match(request);
		const path = new URL(request.url).pathname;
		if (!response) {
			continue;
		}
		if (path === TEXT_KEY) {
			text = await response.text();
		} else if (path.startsWith(FILE_PREFIX)) {
			const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
			const blob = await response.blob();
			files.push(new File([blob], name, { type: blob.type }));
		}
	}
	await caches.delete(INBOX);
	return { files, text };
}

async function clear(cache: Cache): Promise<void> {
	for (const request of await cache.keys()) {
		await cache.delete(request);
	}
}
