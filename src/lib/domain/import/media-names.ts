/**
 * Media file names come from untrusted packages: only plain names are accepted (no folders, no
 * `..`, no control characters), since they end up in `src` attributes and on disk on export.
 */
export function isSafeMediaName(name: string): boolean {
	return (
		name.length > 0 &&
		name.length <= 255 &&
		!/[/\\]/.test(name) &&
		![...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) &&
		name !== '.' &&
		name !== '..' &&
		!name.startsWith('.')
	);
}

/** Media names a note's fields refer to: `<img src="…">` and `[sound:…]`. */
export function referencedMedia(html: string): string[] {
	const names: string[] = [];
	for (const m of html.matchAll(/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
		names.push(m[1] ?? m[2] ?? m[3] ?? '');
	}
	for (const m of html.matchAll(/\[sound:([^\]]+)\]/g)) {
		names.push(m[1]!);
	}
	return names.filter((n) => n && !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(n));
}

const MIME: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	webp: 'image/webp',
	svg: 'image/svg+xml',
	avif: 'image/avif',
	bmp: 'image/bmp',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/ogg',
	wav: 'audio/wav',
	flac: 'audio/flac',
	webm: 'audio/webm',
	mp4: 'video/mp4'
};

export function mediaType(name: string): string {
	const ext = name.split('.').pop()?.toLowerCase() ?? '';
	return MIME[ext] ?? 'application/octet-stream';
}
