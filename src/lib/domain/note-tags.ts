/**
 * Tags that mean something to the app, as in Anki: `marked` (the study menu's "Mark note",
 * searchable as `tag:marked`). Tags compare without case, as Anki's do.
 */
export const MARKED_TAG = 'marked';

export function hasTag(tags: readonly string[], tag: string): boolean {
	const wanted = tag.toLowerCase();
	return tags.some((item) => item.toLowerCase() === wanted);
}

/** The tags with `tag` taken off (in any case) if present, else added at the end. */
export function toggledTag(tags: readonly string[], tag: string): string[] {
	const wanted = tag.toLowerCase();
	return hasTag(tags, tag) ? tags.filter((item) => item.toLowerCase() !== wanted) : [...tags, tag];
}

/**
 * Tags typed in a box, as Anki reads them: separated by spaces, each once whatever its case (the
 * first spelling kept).
 */
export function parseTags(text: string): string[] {
	return withoutDuplicates(text.split(/\s+/).filter(Boolean));
}

/** `tags` plus `added`, without a second copy of a tag already there in another case. */
export function withTags(tags: readonly string[], added: readonly string[]): string[] {
	return withoutDuplicates([...tags, ...added]);
}

function withoutDuplicates(tags: readonly string[]): string[] {
	const seen = new Set<string>();
	return tags.filter((tag) => {
		const key = tag.toLowerCase();
		return seen.has(key) ? false : (seen.add(key), true);
	});
}
