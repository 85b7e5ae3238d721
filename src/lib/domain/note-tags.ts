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
